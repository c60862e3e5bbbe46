"""The workshop's measure pages, under the participant's home (`/a/<slug>/hjem/`), so that
they never collide with the staff pages under `/a/<slug>/`."""

from django.urls import path

from measures.views import participant as views

_M = "a/<slug:slug>/hjem/tiltak/<int:pk>/"

urlpatterns = [
    path("a/<slug:slug>/hjem/tiltak/", views.measure_list, name="measure-list"),
    path("a/<slug:slug>/hjem/tiltak/nytt/", views.measure_create, name="measure-create"),
    path(_M, views.measure_detail, name="measure-detail"),
    path(_M + "rediger/<int:step>/", views.measure_edit, name="measure-edit"),
    path(_M + "lagre-felt/", views.measure_field_save, name="measure-field-save"),
    path(_M + "se-over/", views.measure_review, name="measure-review"),
    path(_M + "kommentarer/", views.comment_create, name="comment-create"),
    path(_M + "vi-blir-med/", views.commitment_create, name="commitment-create"),
    path(_M + "prikker/", views.vote_change, name="vote-change"),
    path("a/<slug:slug>/hjem/prioritering/", views.vote_list, name="vote-list"),
    # Staff (the facilitator) hides a comment from the gallery walk.
    path(
        "a/<slug:slug>/tiltak/<int:pk>/kommentarer/<int:comment_pk>/skjul/",
        views.comment_hide,
        name="comment-hide",
    ),
]

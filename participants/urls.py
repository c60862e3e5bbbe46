from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("bli-med/", views.join, name="join"),
    path("bli-med/<str:code>/", views.join_details, name="join-details"),
    path("bli-med/<str:code>/aktorer/", views.organisation_search, name="organisation-search"),
    path("bli-med/<str:code>/bord/", views.join_group, name="join-group"),
    path("bli-med/<str:code>/personvern/", views.join_privacy, name="join-privacy"),
    path("fortsett/<str:token>/", views.resume, name="resume"),
    path("a/<slug:slug>/hjem/", views.arena_home, name="arena-home"),
]

from django.urls import path

from participants.views import join, staff

app_name = "participants"

A = "a/<slug:slug>/"

urlpatterns = [
    path("bli-med/", join.join, name="join"),
    path("bli-med/<str:code>/", join.join_details, name="join-details"),
    path("bli-med/<str:code>/aktorer/", join.organisation_search, name="organisation-search"),
    path("bli-med/<str:code>/bord/", join.join_group, name="join-group"),
    # A table's own link (decision 29): joins straight into that table.
    path("bli-med/<str:code>/bord/<str:seat>/", join.join_table, name="join-table"),
    path("bli-med/<str:code>/personvern/", join.join_privacy, name="join-privacy"),
    path("fortsett/<str:token>/", join.resume, name="resume"),
    # The Deltakere tab (staff).
    path(A + "deltakere/", staff.participant_list, name="participant-list"),
    path(A + "deltakere/flytt/", staff.participant_move, name="participant-move"),
    path(A + "deltakere/<int:pk>/fjern/", staff.participant_delete, name="participant-delete"),
    # Organisations participants typed in this arena; staff confirm them (decision 30).
    path(A + "aktorer/", staff.organisation_list, name="organisation-list"),
    path(
        A + "aktorer/<int:pk>/bekreft/",
        staff.organisation_confirm_view,
        name="organisation-confirm",
    ),
]

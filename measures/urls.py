"""Every page of the measures app, by audience. The participant's pages live under their home
(`/a/<slug>/hjem/`), so that they never collide with the staff pages under `/a/<slug>/`."""

from django.urls import path

from measures.views import (
    editor,
    export_jobs,
    gallery,
    home,
    lead,
    links,
    live,
    privacy,
    projector,
    similar,
    staff,
)

app_name = "measures"

A = "a/<slug:slug>/"
HOME = A + "hjem/"
M = HOME + "tiltak/<int:pk>/"  # one measure, as a participant sees it
STAFF_M = A + "tiltak/<int:pk>/"  # one measure, as staff see it

urlpatterns = [
    # The participant's home: their table's measures and everyone else's.
    path(HOME, home.arena_home, name="arena-home"),
    path(HOME + "vart-bord/", home.arena_home_ours, name="arena-home-ours"),
    # What the app holds about me, as JSON (measures/views/privacy.py).
    path(HOME + "mine-data/", privacy.participant_data, name="participant-data"),
    # The editor (measures/views/editor.py): only the measure's table.
    path(HOME + "tiltak/nytt/", editor.measure_create, name="measure-create"),
    path(M + "rediger/<int:step>/", editor.measure_edit, name="measure-edit"),
    path(M + "felt/<str:name>/", editor.field_save, name="field-save"),
    path(M + "rader/<str:kind>/", editor.row_create, name="row-create"),
    path(M + "rader/<str:kind>/<int:row>/", editor.row_save, name="row-save"),
    path(M + "rader/<str:kind>/<int:row>/fjern/", editor.row_delete, name="row-delete"),
    path(M + "rader/aktorer/<int:row>/ansvarlig/", editor.lead_choose, name="lead-choose"),
    path(M + "endringer/", editor.measure_changes, name="measure-changes"),
    path(M + "se-over/", editor.measure_review, name="measure-review"),
    path(M + "lignende/", similar.measure_similar, name="measure-similar"),
    # The gallery walk (measures/views/gallery.py): every participant of the arena.
    path(HOME + "tiltak/", gallery.measure_list, name="measure-list"),
    path(M, gallery.measure_detail, name="measure-detail"),
    path(M + "kommentarer/", gallery.comment_create, name="comment-create"),
    path(M + "vi-blir-med/", gallery.commitment_create, name="commitment-create"),
    path(M + "vi-blir-med/trekk/", gallery.commitment_withdraw, name="commitment-withdraw"),
    path(M + "prikker/", gallery.vote_change, name="vote-change"),
    path(HOME + "prioritering/", gallery.vote_list, name="vote-list"),
    # Staff (the facilitator) hides a comment from the gallery walk.
    path(
        STAFF_M + "kommentarer/<int:comment_pk>/skjul/",
        gallery.comment_hide,
        name="comment-hide",
    ),
    # Staff: the Tiltak tab and one measure (measures/views/staff.py).
    path(A + "tiltak/", staff.measure_overview, name="measure-overview"),
    path(STAFF_M, staff.measure_staff_detail, name="measure-staff-detail"),
    path(STAFF_M + "status/", staff.measure_status_change, name="measure-status-change"),
    path(STAFF_M + "kontakt/", staff.measure_contact_change, name="measure-contact-change"),
    # Staff: the same idea at two tables, linked or merged, and undone (views/links.py).
    path(STAFF_M + "samme-ide/", links.measure_link_create, name="measure-link-create"),
    path(STAFF_M + "slaa-sammen/", links.measure_merge, name="measure-merge"),
    path(A + "koblinger/<int:pk>/angre/", links.link_undo, name="link-undo"),
    # Staff: anonymise one participant now (the Deltakere tab; measures/views/privacy.py,
    # since a participant's name is also copied into the measures' history).
    path(
        A + "deltakere/<int:pk>/anonymiser/",
        privacy.participant_anonymise,
        name="participant-anonymise",
    ),
    # Running the day: the facilitation board and the wall (measures/views/live.py).
    path(A + "fasilitering/", live.facilitation, name="facilitation"),
    path(A + "fasilitering/tavle/", live.facilitation_live, name="facilitation-live"),
    path(A + "vegg/", live.wall, name="wall"),
    path(A + "vegg/innhold/", live.wall_live, name="wall-live"),
    # The projector and the room (measures/views/projector.py): the projected page, its
    # controls on the facilitation screen, and the phones' poll of the timer and message.
    path(A + "projektor/", projector.projector, name="projector"),
    path(A + "projektor/innhold/", projector.projector_live, name="projector-live"),
    path(A + "fasilitering/projektor/", projector.projector_control, name="projector-control"),
    path(A + "fasilitering/melding/", projector.broadcast, name="broadcast"),
    path(A + "rom/", projector.room_state, name="room-state"),
    # After the arena: summary, exports and follow-up (measures/views/lead.py), plus the
    # measure owner's follow-up page (a secret link, no account).
    path(A + "oppsummering/", lead.summary_detail, name="summary-detail"),
    path(A + "oppsummering/last-ned/<str:fmt>/", lead.summary_export, name="summary-export"),
    # A big export built in the queue: its waiting page and its file (views/export_jobs.py).
    path(A + "oppsummering/eksport/<int:pk>/", export_jobs.job_detail, name="export-job-detail"),
    path(
        A + "oppsummering/eksport/<int:pk>/last-ned/",
        export_jobs.job_download,
        name="export-job-download",
    ),
    path(A + "oppfolging/", lead.followup_list, name="followup-list"),
    path(A + "oppfolging/send/", lead.followup_send, name="followup-send"),
    path(A + "oppfolging/last-ned/", lead.followup_export, name="followup-export"),
    path("oppfolging/<str:token>/", lead.followup_report_view, name="followup-report"),
]

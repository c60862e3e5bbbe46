"""The arena's own pages: the start page, the set-up, the program and themes, the tables, and
the controls of the facilitation screen. The screen itself and the wall are measures' pages,
the Deltakere tab is participants'."""

from django.urls import path

from arena.views import controls, program, public, setup

app_name = "arena"

A = "a/<slug:slug>/"

urlpatterns = [
    path("", public.start, name="start"),
    path("ny-arena/", setup.arena_create, name="arena-create"),
    path(A, setup.arena_detail, name="arena-detail"),
    path(A + "rediger/", setup.arena_edit, name="arena-edit"),
    path(A + "status/", setup.arena_status, name="arena-status"),
    path(A + "kode/ny/", setup.joincode_regenerate, name="joincode-regenerate"),
    path(A + "plakat/", setup.poster, name="poster"),
    path(A + "plakat/bord/", setup.table_posters, name="table-posters"),
    path(A + "personer/", setup.membership_list, name="membership-list"),
    path(A + "personer/<int:pk>/fjern/", setup.membership_delete, name="membership-delete"),
    path(A + "planer/", setup.plan_list, name="plan-list"),
    path(A + "planer/ny/", setup.plan_edit, name="plan-create"),
    path(A + "planer/<int:pk>/rediger/", setup.plan_edit, name="plan-edit"),
    path(A + "program/", program.program, name="program"),
    path(A + "program/ny/", program.session_edit, name="session-create"),
    path(A + "program/<int:pk>/rediger/", program.session_edit, name="session-edit"),
    path(A + "program/<int:pk>/slett/", program.session_delete, name="session-delete"),
    path(A + "temaer/", program.topic_list, name="topic-list"),
    path(A + "temaer/<str:kind>/ny/", program.topic_edit, name="topic-create"),
    path(A + "temaer/<str:kind>/<int:pk>/rediger/", program.topic_edit, name="topic-edit"),
    path(A + "temaer/<str:kind>/<int:pk>/flytt/", program.topic_move, name="topic-move"),
    path(A + "temaer/<str:kind>/<int:pk>/slett/", program.topic_delete, name="topic-delete"),
    path(A + "bord/", program.group_list, name="group-list"),
    path(A + "bord/nytt/", program.group_edit, name="group-create"),
    path(A + "bord/flere/", program.group_create_many, name="group-create-many"),
    path(A + "bord/<int:pk>/rediger/", program.group_edit, name="group-edit"),
    path(A + "bord/<int:pk>/flytt/", program.group_move, name="group-move"),
    path(A + "bord/<int:pk>/slett/", program.group_delete, name="group-delete"),
    path(A + "fasilitering/na/", controls.session_current, name="session-current"),
    path(A + "fasilitering/redigering/", controls.editing_toggle, name="editing-toggle"),
    path(A + "fasilitering/rangering/", controls.ranking_toggle, name="ranking-toggle"),
    path(A + "fasilitering/nedtelling/", controls.session_timer, name="session-timer"),
]

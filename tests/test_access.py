import pytest
from django.http import Http404
from django.test import RequestFactory

from arena import access
from arena.models import ArenaMembership
from tests.conftest import log_in_participant

pytestmark = pytest.mark.django_db


def request_for(user=None, client=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.session = client.session if client else {}
    return request


def test_members_get_their_role(arena, facilitator, project_lead):
    assert access.staff_role(facilitator, arena) == ArenaMembership.Role.FACILITATOR
    assert access.staff_role(project_lead, arena) == ArenaMembership.Role.PROJECT_LEAD


def test_staff_of_another_arena_get_404(arena, facilitator_other_arena):
    assert access.staff_role(facilitator_other_arena, arena) is None
    with pytest.raises(Http404):
        access.staff_perms(request_for(facilitator_other_arena), arena.slug)


def test_project_lead_is_refused_where_only_facilitators_may_go(arena, project_lead):
    with pytest.raises(Http404):
        access.staff_perms(request_for(project_lead), arena.slug, facilitator_only=True)


def test_superuser_acts_as_facilitator(arena, admin_user):
    perms = access.staff_perms(request_for(admin_user), arena.slug)
    assert perms.arena == arena
    assert perms.role == ArenaMembership.Role.FACILITATOR
    assert list(access.staff_arenas(admin_user)) == [arena]


def test_staff_arenas_lists_only_memberships(arena, other_arena, facilitator):
    assert list(access.staff_arenas(facilitator)) == [arena]


def test_unknown_arena_is_404_even_for_superusers(admin_user):
    with pytest.raises(Http404):
        access.staff_perms(request_for(admin_user), "finnes-ikke")


def test_participant_is_found_only_in_their_own_arena(client, arena, other_arena, participant_a):
    log_in_participant(client, participant_a)
    request = request_for(client=client)
    assert access.current_participant(request, arena) == participant_a
    assert access.current_participant(request, other_arena) is None
    with pytest.raises(Http404):
        access.participant_perms(request, other_arena.slug)


def test_only_the_measures_table_edits_while_the_arena_accepts_edits(
    client, arena, participant_a, participant_b
):
    from tests.factories import MeasureFactory

    measure = MeasureFactory(arena=arena, group=participant_a.group)
    log_in_participant(client, participant_a)
    perms_a = access.participant_perms(request_for(client=client), arena.slug)
    assert perms_a.participant == participant_a
    assert perms_a.is_member(measure)
    assert perms_a.can_edit(measure)
    perms_b = access.Perms(arena=arena, participant=participant_b)
    assert not perms_b.is_member(measure)
    assert not perms_b.can_edit(measure)
    assert not perms_b.can_reach_editor(measure)
    perms_a.arena.editing_open = False  # the facilitator closes editing
    assert perms_a.can_reach_editor(measure)
    assert not perms_a.can_edit(measure)
    assert not perms_a.can_create_measure


def test_a_participant_without_a_table_edits_nothing(arena, participant_a):
    from tests.factories import MeasureFactory

    measure = MeasureFactory(arena=arena, group=None)
    participant_a.group = None
    perms = access.Perms(arena=arena, participant=participant_a)
    assert not perms.has_group
    assert not perms.can_create_measure
    assert not perms.is_member(measure)
    assert not perms.can_edit(measure)


def test_staff_edit_no_measure_and_only_facilitators_change_the_set_up(
    arena, participant_a, facilitator, project_lead
):
    from tests.factories import MeasureFactory

    measure = MeasureFactory(arena=arena, group=participant_a.group)
    fac = access.staff_perms(request_for(facilitator), arena.slug)
    lead = access.staff_perms(request_for(project_lead), arena.slug)
    assert fac.can_change_setup
    assert fac.can_hide_comments
    assert not lead.can_change_setup
    assert not lead.can_hide_comments
    assert not fac.can_edit(measure)
    assert not fac.can_comment


def test_participants_comment_only_while_the_arena_is_open(arena, participant_a):
    perms = access.Perms(arena=arena, participant=participant_a)
    assert perms.can_comment
    arena.status = arena.Status.CLOSED
    assert not perms.can_comment

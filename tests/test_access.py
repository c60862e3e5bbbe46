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
        access.get_staff_arena(request_for(facilitator_other_arena), arena.slug)


def test_project_lead_is_refused_where_only_facilitators_may_go(arena, project_lead):
    with pytest.raises(Http404):
        access.get_staff_arena(request_for(project_lead), arena.slug, access.FACILITATOR_ONLY)


def test_superuser_acts_as_facilitator(arena, admin_user):
    found, role = access.get_staff_arena(request_for(admin_user), arena.slug)
    assert found == arena
    assert role == ArenaMembership.Role.FACILITATOR
    assert list(access.staff_arenas(admin_user)) == [arena]


def test_staff_arenas_lists_only_memberships(arena, other_arena, facilitator):
    assert list(access.staff_arenas(facilitator)) == [arena]


def test_unknown_arena_is_404_even_for_superusers(admin_user):
    with pytest.raises(Http404):
        access.get_staff_arena(request_for(admin_user), "finnes-ikke")


def test_participant_is_found_only_in_their_own_arena(client, arena, other_arena, participant_a):
    log_in_participant(client, participant_a)
    request = request_for(client=client)
    assert access.current_participant(request, arena) == participant_a
    assert access.current_participant(request, other_arena) is None
    with pytest.raises(Http404):
        access.get_participant_arena(request, other_arena.slug)


def test_only_group_members_edit_while_the_arena_accepts_edits(arena, participant_a, participant_b):
    from tests.factories import MeasureFactory

    measure = MeasureFactory(arena=arena, group=participant_a.group)
    assert access.can_edit_measure(participant_a, measure)
    assert not access.can_edit_measure(participant_b, measure)
    assert not access.can_edit_measure(None, measure)
    arena.editing_open = False
    assert not access.can_edit_measure(participant_a, measure)

import pytest
from django.http import Http404
from django.test import RequestFactory

from arena import access
from arena.models import ArenaMembership
from tests.conftest import log_in_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles_cached(settings):
    """The staff role cache as in production (the suite counts cold requests without it)."""
    settings.STAFF_ROLE_CACHE_SECONDS = 60


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


def test_a_role_is_read_from_the_cache_after_the_first_look_up(
    roles_cached, arena, facilitator, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert access.staff_role(facilitator, arena) == ArenaMembership.Role.FACILITATOR
    with django_assert_num_queries(0):
        assert access.staff_role(facilitator, arena) == ArenaMembership.Role.FACILITATOR


def test_a_changed_or_removed_membership_applies_at_the_next_look_up(
    roles_cached, arena, facilitator, project_lead
):
    from arena import services

    assert access.staff_role(project_lead, arena) == ArenaMembership.Role.PROJECT_LEAD
    services.membership_add(arena=arena, user=project_lead, role=ArenaMembership.Role.FACILITATOR)
    assert access.staff_role(project_lead, arena) == ArenaMembership.Role.FACILITATOR
    services.membership_remove(membership=project_lead.arena_memberships.get(arena=arena))
    assert access.staff_role(project_lead, arena) is None
    with pytest.raises(Http404):
        access.staff_perms(request_for(project_lead), arena.slug)


def test_a_role_cached_by_a_reader_before_the_commit_is_dropped_at_the_commit(
    roles_cached, arena, facilitator, project_lead, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from arena import services

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_add(
            arena=arena, user=project_lead, role=ArenaMembership.Role.FACILITATOR
        )
        # Another worker read the old role just before the commit and stores it now.
        cache.set(access._role_key(project_lead.pk, arena.pk), "project_lead")
    assert access.staff_role(project_lead, arena) == ArenaMembership.Role.FACILITATOR


def test_an_outsider_is_not_cached_as_one(roles_cached, arena, facilitator_other_arena):
    assert access.staff_role(facilitator_other_arena, arena) is None
    ArenaMembership.objects.create(
        arena=arena, user=facilitator_other_arena, role=ArenaMembership.Role.PROJECT_LEAD
    )
    assert access.staff_role(facilitator_other_arena, arena) == ArenaMembership.Role.PROJECT_LEAD


def test_removing_the_whole_arena_forgets_the_roles_in_it(
    roles_cached, arena, other_arena, facilitator
):
    from django.core.cache import cache

    access.staff_role(facilitator, arena)
    key = access._role_key(facilitator.pk, arena.pk)
    assert cache.get(key) == "facilitator"
    arena.delete()
    assert cache.get(key) is None

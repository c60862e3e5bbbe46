"""The set-up pages cost the same number of queries with one item as with many."""

import datetime

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def fill(arena, n):
    """n of everything the set-up pages list."""
    plan = factories.PlanFactory()
    arena.plans.add(plan)
    area = None
    for i in range(n):
        area = factories.ProblemAreaFactory(arena=arena, order=i)
        factories.TargetGroupFactory(arena=arena, order=i)
        group = factories.GroupFactory(arena=arena, order=i)
        group.problem_areas.add(area)
        factories.ParticipantFactory(arena=arena, group=group)
        factories.ParticipantFactory(arena=arena, group=None)
        factories.MeasureFactory(arena=arena, group=group)
        factories.PlanGoalFactory(plan=plan)
        factories.ArenaMembershipFactory(arena=arena, role="project_lead")
        start = datetime.time(8 + i % 10)
        factories.ProgramSessionFactory(
            arena=arena,
            day=arena.start_date + datetime.timedelta(days=i // 10),
            starts_at=start,
            ends_at=datetime.time(start.hour, 45),
        )


# Every page: session, user, arena, membership (4), then:
PAGES = {
    # sessions
    "program": 5,
    # problem areas, target groups
    "topic-list": 6,
    # groups + their problem areas + members + the members' organisations, participants
    # without a table, problem areas for the new-table form, and for the move form: whether
    # anyone joined, the participants (with organisation and table), the tables
    "group-list": 13,
    # nothing but the form
    "group-create-many": 4,
    # memberships with users
    "membership-list": 5,
    # plans (with how many arenas use each) + goals, which of them this person may change
    "plan-list": 7,
    # plans + goals, four counts, the set-up checklist (days with sessions, a prioritisation,
    # tables, problem areas)
    "arena-detail": 14,
    # groups (the QR codes are drawn from them, no query each)
    "table-posters": 5,
}


@pytest.mark.parametrize("page", PAGES)
def test_setup_page_query_count_does_not_grow(
    client, arena, facilitator, page, django_assert_num_queries
):
    arena.end_date = arena.start_date + datetime.timedelta(days=3)
    arena.save()
    client.force_login(facilitator)
    path = reverse(f"arena:{page}", kwargs={"slug": arena.slug})
    fill(arena, 1)
    with django_assert_num_queries(PAGES[page]):
        assert client.get(path).status_code == 200
    fill(arena, 29)
    with django_assert_num_queries(PAGES[page]):
        assert client.get(path).status_code == 200


# Session, user, arena, membership (4), then: closing names the current session (1); opening
# again names the session that was running when it closed, to restart it (1).
STATUS_CONFIRM_QUERIES = {"closed": 5, "open": 5}


@pytest.mark.parametrize("status", STATUS_CONFIRM_QUERIES)
def test_status_confirm_page_query_count_does_not_grow(
    client, arena, facilitator, status, django_assert_num_queries
):
    arena.end_date = arena.start_date + datetime.timedelta(days=3)
    arena.status = "open" if status == "closed" else "closed"
    arena.resume_session = factories.ProgramSessionFactory(
        arena=arena, day=arena.start_date + datetime.timedelta(days=3), title="Gruppearbeid"
    )
    arena.save()
    arena.resume_session.is_current = status == "closed"
    arena.resume_session.save()
    client.force_login(facilitator)
    path = reverse("arena:arena-status", kwargs={"slug": arena.slug})
    for n in (1, 29):
        fill(arena, n)
        with django_assert_num_queries(STATUS_CONFIRM_QUERIES[status]):
            response = client.post(path, {"status": status})
        assert response.status_code == 200
        assert "arena/arena_status_confirm.html" in [t.name for t in response.templates]
        assert "«Gruppearbeid»" in response.content.decode()  # the session it names

"""Scoped shared plans (decision 30): a plan is changed only by someone who runs every arena
that uses it; ticking a plan in one's own arena or copying an arena grants nothing over it."""

import pytest
from django.test import Client
from django.urls import reverse

from arena.access import plans_changeable
from arena.models import Arena, ArenaMembership, Plan
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_plan(arena):
    plan = factories.PlanFactory(title="Regional plan for kompetanse")
    factories.PlanGoalFactory(plan=plan, text="Flere fullfører")
    arena.plans.add(plan)
    return plan


def rename(client, arena, plan, title="Omdøpt"):
    url = reverse("arena:plan-edit", kwargs={"slug": arena.slug, "pk": plan.pk})
    return client.post(url, {"title": title, "goals": "Flere fullfører"})


def staff_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_facilitator_of_another_arena_cannot_rename_a_plan_by_ticking_it(
    other_arena, facilitator_other_arena, shared_plan
):
    client = staff_client(facilitator_other_arena)
    other_arena.plans.add(shared_plan)  # what ticking it under "Rediger arenaen" does

    assert rename(client, other_arena, shared_plan).status_code == 404
    page = client.get(reverse("arena:plan-list", kwargs={"slug": other_arena.slug}))
    assert "Planen brukes også av 1 annen arena." in page.content.decode()
    assert reverse("arena:plan-edit", args=[other_arena.slug, shared_plan.pk]) not in (
        page.content.decode()
    )
    shared_plan.refresh_from_db()
    assert shared_plan.title == "Regional plan for kompetanse"
    assert [g.text for g in shared_plan.goals.all()] == ["Flere fullfører"]


def test_read_only_project_lead_cannot_change_the_plan_through_a_copy(
    arena, project_lead, shared_plan
):
    client = staff_client(project_lead)
    response = client.post(
        reverse("arena:arena-create"),
        {"title": "Kopi", "start_date": "2027-03-10", "source": arena.pk},
    )
    copy = Arena.objects.get(title="Kopi")
    assert response.status_code == 302
    assert list(copy.plans.all()) == [shared_plan]

    assert rename(client, copy, shared_plan).status_code == 404
    shared_plan.refresh_from_db()
    assert shared_plan.title == "Regional plan for kompetanse"
    # The copy gave a role in the copy only: still a project lead in the source.
    assert ArenaMembership.objects.get(arena=arena, user=project_lead).role == "project_lead"
    edit_source = reverse("arena:arena-edit", kwargs={"slug": arena.slug})
    assert client.post(edit_source, {"title": "Kapret"}).status_code == 404


def test_facilitator_of_every_arena_using_the_plan_may_change_it(
    arena, other_arena, facilitator, shared_plan
):
    other_arena.plans.add(shared_plan)
    factories.ArenaMembershipFactory(arena=other_arena, user=facilitator, role="facilitator")

    assert rename(staff_client(facilitator), arena, shared_plan).status_code == 302
    shared_plan.refresh_from_db()
    assert shared_plan.title == "Omdøpt"


def test_a_plan_only_this_arena_uses_is_the_facilitators_to_change(arena, facilitator, shared_plan):
    assert rename(staff_client(facilitator), arena, shared_plan).status_code == 302
    assert Plan.objects.get().title == "Omdøpt"


def test_changeable_plans_are_decided_in_one_query(
    arena, other_arena, facilitator, django_assert_num_queries
):
    plans = [factories.PlanFactory() for _ in range(5)]
    arena.plans.add(*plans)
    other_arena.plans.add(plans[0], plans[1])
    # membership of the facilitator ⋈ arenas using each plan, as one EXISTS
    with django_assert_num_queries(1):
        changeable = plans_changeable(facilitator, plans)
    assert changeable == {p.pk for p in plans[2:]}


def test_admin_may_change_any_plan(arena, other_arena, admin_user, shared_plan):
    other_arena.plans.add(shared_plan)
    assert plans_changeable(admin_user, [shared_plan]) == {shared_plan.pk}

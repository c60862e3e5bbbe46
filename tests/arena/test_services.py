import datetime

import pytest

from arena import services
from arena.models import Arena, ArenaMembership, Group, PlanGoal, ProblemArea, ProgramSession
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    """Last year's arena, fully set up and used."""
    arena = factories.ArenaFactory(
        title="Arena 2026",
        purpose="Økt yrkesdeltagelse i Buskerud.",
        venue="Union Scene, Drammen",
        privacy_text="Vi lagrer navn og organisasjon.",
        start_date=datetime.date(2026, 3, 10),
        end_date=datetime.date(2026, 3, 11),
        dots_per_participant=5,
    )
    plan = factories.PlanFactory()
    arena.plans.add(plan)
    area = factories.ProblemAreaFactory(arena=arena, title="Fullføring i yrkesfag", order=1)
    factories.ProblemAreaFactory(arena=arena, title="Grunnleggende ferdigheter", order=0)
    factories.TargetGroupFactory(arena=arena, name="Unge voksne")
    group = factories.GroupFactory(arena=arena, name="Bord 1")
    group.problem_areas.add(area)
    factories.ProgramSessionFactory(
        arena=arena, day=datetime.date(2026, 3, 11), title="Prioritering", is_current=True
    )
    participant = factories.ParticipantFactory(arena=arena, group=group)
    measure = factories.MeasureFactory(arena=arena, group=group)
    factories.VoteFactory(measure=measure, participant=participant)
    return arena


def test_arena_create_blank_makes_a_draft_with_the_creator_as_facilitator(db):
    user = factories.UserFactory()
    arena = services.arena_create(
        title="Arena for økt yrkesdeltagelse",
        start_date=datetime.date(2027, 3, 9),
        end_date=datetime.date(2027, 3, 10),
        creator=user,
    )
    assert arena.status == Arena.Status.DRAFT
    assert arena.slug == "arena-for-okt-yrkesdeltagelse"
    assert arena.join_code.startswith("ARE")
    assert arena.memberships.get().user == user
    assert arena.memberships.get().role == ArenaMembership.Role.FACILITATOR


def test_arena_create_gives_a_unique_slug_when_the_title_is_taken(db):
    user = factories.UserFactory()
    first = services.arena_create(
        title="Arena",
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2027, 1, 1),
        creator=user,
    )
    second = services.arena_create(
        title="Arena",
        start_date=datetime.date(2028, 1, 1),
        end_date=datetime.date(2028, 1, 1),
        creator=user,
    )
    assert (first.slug, second.slug) == ("arena", "arena-2")
    assert first.join_code != second.join_code


def test_arena_copy_takes_setup_and_moves_the_program_but_not_participants_or_measures(source):
    user = factories.UserFactory()
    copy = services.arena_create(
        title="Arena 2027",
        start_date=datetime.date(2027, 3, 9),
        end_date=datetime.date(2027, 3, 10),
        creator=user,
        source=source,
    )
    assert copy.purpose == source.purpose
    assert copy.venue == source.venue
    assert copy.privacy_text == source.privacy_text
    assert copy.dots_per_participant == 5
    assert list(copy.plans.all()) == list(source.plans.all())
    assert [a.title for a in copy.problem_areas.all()] == [
        "Grunnleggende ferdigheter",
        "Fullføring i yrkesfag",
    ]
    assert [t.name for t in copy.target_groups.all()] == ["Unge voksne"]
    session = copy.sessions.get()
    assert session.day == datetime.date(2027, 3, 10)  # second day stays the second day
    assert session.is_current is False
    group = copy.groups.get()
    assert [a.title for a in group.problem_areas.all()] == ["Fullføring i yrkesfag"]
    assert group.problem_areas.get().arena == copy
    assert copy.participants.count() == 0
    assert copy.measures.count() == 0
    assert copy.status == Arena.Status.DRAFT
    # The source is untouched.
    assert source.sessions.get().is_current is True
    assert source.measures.count() == 1


def test_copy_end_date_keeps_the_length_of_the_source(source):
    start = datetime.date(2027, 3, 9)
    assert services.copy_end_date(source=source, start_date=start) == datetime.date(2027, 3, 10)


@pytest.mark.parametrize("status", ["closed", "follow_up", "archived"])
def test_closing_ends_editing_the_current_session_and_joining(source, status):
    services.arena_set_status(arena=source, status=status)
    source.refresh_from_db()
    assert source.editing_open is False
    assert source.accepts_edits is False
    assert source.is_joinable is False
    assert not source.sessions.filter(is_current=True).exists()


def test_opening_a_draft_keeps_editing_as_it_was(db):
    arena = factories.ArenaFactory(status=Arena.Status.DRAFT, editing_open=True)
    services.arena_set_status(arena=arena, status=Arena.Status.OPEN)
    arena.refresh_from_db()
    assert arena.is_joinable
    assert arena.accepts_edits


def test_join_code_regenerate_replaces_the_code(db):
    arena = factories.ArenaFactory(join_code="BUS7Q4K")
    services.join_code_regenerate(arena=arena)
    arena.refresh_from_db()
    assert arena.join_code != "BUS7Q4K"
    assert not Arena.objects.filter(join_code="BUS7Q4K").exists()


def test_making_a_session_current_follows_its_editing_switch(db):
    arena = factories.ArenaFactory(editing_open=True)
    plenary = factories.ProgramSessionFactory(arena=arena, allows_editing=False, is_current=True)
    work = factories.ProgramSessionFactory(
        arena=arena, starts_at=datetime.time(12), ends_at=datetime.time(13), allows_editing=True
    )
    services.session_make_current(arena=arena, session=plenary)
    arena.refresh_from_db()
    assert arena.editing_open is False
    services.session_make_current(arena=arena, session=work)
    arena.refresh_from_db()
    assert arena.editing_open is True
    assert list(arena.sessions.filter(is_current=True)) == [work]


def test_making_no_session_current_clears_it_and_leaves_editing_alone(db):
    arena = factories.ArenaFactory(editing_open=False)
    factories.ProgramSessionFactory(arena=arena, is_current=True)
    services.session_make_current(arena=arena, session=None)
    arena.refresh_from_db()
    assert not arena.sessions.filter(is_current=True).exists()
    assert arena.editing_open is False


def test_a_session_of_another_arena_never_becomes_current(db):
    arena = factories.ArenaFactory()
    foreign = factories.ProgramSessionFactory()
    services.session_make_current(arena=arena, session=foreign)
    assert not ProgramSession.objects.filter(is_current=True).exists()


def test_toggles_change_editing_and_ranking(db):
    arena = factories.ArenaFactory(editing_open=True, ranking_revealed=False)
    services.arena_set_editing(arena=arena, open=False)
    services.arena_set_ranking_revealed(arena=arena, revealed=True)
    arena.refresh_from_db()
    assert (arena.editing_open, arena.ranking_revealed) == (False, True)


def test_ordered_move_swaps_neighbours_even_with_equal_orders(db):
    arena = factories.ArenaFactory()
    a, b, c = (factories.ProblemAreaFactory(arena=arena, order=0) for _ in range(3))
    services.ordered_move(obj=c, up=True)
    assert list(arena.problem_areas.all()) == [a, c, b]
    services.ordered_move(obj=a, up=True)  # already first: nothing moves
    assert list(arena.problem_areas.all()) == [a, c, b]
    services.ordered_move(obj=a, up=False)
    assert list(arena.problem_areas.all()) == [c, a, b]


def test_next_order_puts_new_items_last(db):
    from arena.models import ProblemArea

    arena = factories.ArenaFactory()
    assert services.next_order(ProblemArea, arena) == 0
    factories.ProblemAreaFactory(arena=arena, order=4)
    assert services.next_order(ProblemArea, arena) == 5


def test_topic_delete_refuses_while_a_measure_uses_it(db):
    area = factories.ProblemAreaFactory()
    measure = factories.MeasureFactory(arena=area.arena)
    measure.problem_areas.add(area)
    with pytest.raises(services.InUse) as refused:
        services.topic_delete(topic=area)
    assert refused.value.count == 1
    measure.problem_areas.clear()
    services.topic_delete(topic=area)
    assert not area.arena.problem_areas.exists()


def test_target_group_delete_refuses_while_a_measure_uses_it(db):
    target = factories.TargetGroupFactory()
    factories.MeasureFactory(arena=target.arena).target_groups.add(target)
    with pytest.raises(services.InUse):
        services.topic_delete(topic=target)


def test_group_delete_refuses_while_it_has_members(db):
    participant = factories.ParticipantFactory()
    with pytest.raises(services.InUse):
        services.group_delete(group=participant.group)
    empty = factories.GroupFactory()
    services.group_delete(group=empty)


def test_participants_move_only_moves_this_arenas_participants(db):
    arena = factories.ArenaFactory()
    target = factories.GroupFactory(arena=arena)
    mine = factories.ParticipantFactory(arena=arena)
    foreign = factories.ParticipantFactory()
    moved = services.participants_move(arena=arena, participants=[mine, foreign], group=target)
    assert moved == 1
    mine.refresh_from_db()
    foreign.refresh_from_db()
    assert mine.group == target
    assert foreign.group != target


def test_participants_move_refuses_a_group_of_another_arena(db):
    arena = factories.ArenaFactory()
    with pytest.raises(ValueError, match="another arena"):
        services.participants_move(arena=arena, participants=[], group=factories.GroupFactory())


def test_membership_add_creates_or_changes_the_role(db):
    arena = factories.ArenaFactory()
    user = factories.UserFactory()
    services.membership_add(arena=arena, user=user, role="project_lead")
    services.membership_add(arena=arena, user=user, role="facilitator")
    assert arena.memberships.get().role == "facilitator"


def test_membership_remove_keeps_the_last_facilitator(db):
    only = factories.ArenaMembershipFactory(role="facilitator")
    with pytest.raises(services.InUse):
        services.membership_remove(membership=only)
    lead = factories.ArenaMembershipFactory(arena=only.arena, role="project_lead")
    services.membership_remove(membership=lead)
    assert list(only.arena.memberships.all()) == [only]


def test_plan_goals_set_keeps_goals_that_measures_use(db):
    plan = factories.PlanFactory()
    used = factories.PlanGoalFactory(plan=plan, text="Flere fullfører")
    factories.PlanGoalFactory(plan=plan, text="Gammelt mål")
    factories.MeasureFactory().plan_goals.add(used)
    services.plan_goals_set(plan=plan, lines=["Nytt mål", "", "Flere fullfører", "Nytt mål"])
    assert [g.text for g in plan.goals.all()] == ["Nytt mål", "Flere fullfører"]
    assert PlanGoal.objects.filter(pk=used.pk).exists()


def test_plan_goals_set_keeps_an_unlisted_goal_a_measure_links_to(db):
    plan = factories.PlanGoalFactory(text="Brukt mål").plan
    factories.MeasureFactory().plan_goals.add(plan.goals.get())
    services.plan_goals_set(plan=plan, lines=[])
    assert plan.goals.count() == 1


def test_setup_save_puts_new_items_last_and_refreshes_the_live_screens(db):
    from measures import boards

    arena = factories.ArenaFactory()
    factories.ProblemAreaFactory(arena=arena, order=3)
    area = services.setup_save(obj=ProblemArea(arena=arena), values={"title": "Ny"})
    assert area.order == 4
    group = services.setup_save(obj=Group(arena=arena), values={"name": "Bord 1"})
    before = boards.fingerprint(arena)
    services.setup_save(obj=group, values={"name": "Bord Nord", "problem_areas": [area]})
    group.refresh_from_db()
    assert group.order == 0
    assert group.name == "Bord Nord"
    assert list(group.problem_areas.all()) == [area]
    assert boards.fingerprint(arena) != before


def test_plan_save_takes_values_and_goal_lines(db):
    arena = factories.ArenaFactory()
    values = {"title": "Regional plan for kompetanse", "short_name": "RPK", "goals": "ignored"}
    plan = services.plan_save(arena=arena, values=values, goals=["Flere fullfører", ""])
    assert plan.title == "Regional plan for kompetanse"
    assert list(arena.plans.all()) == [plan]
    assert [g.text for g in plan.goals.all()] == ["Flere fullfører"]
    services.plan_save(arena=arena, plan=plan, values={"title": "Ny tittel"}, goals=[])
    plan.refresh_from_db()
    assert plan.title == "Ny tittel"
    assert plan.short_name == "RPK"
    assert not plan.goals.exists()


def test_session_delete_removes_it_and_refreshes_the_live_screens(db):
    from measures import boards

    session = factories.ProgramSessionFactory()
    before = boards.fingerprint(session.arena)
    services.session_delete(session=session)
    assert not ProgramSession.objects.exists()
    assert boards.fingerprint(session.arena) != before


def test_the_last_facilitator_cannot_be_made_project_lead(db):
    only = factories.ArenaMembershipFactory(role="facilitator")
    with pytest.raises(services.InUse):
        services.membership_add(arena=only.arena, user=only.user, role="project_lead")
    only.refresh_from_db()
    assert only.role == "facilitator"
    factories.ArenaMembershipFactory(arena=only.arena, role="facilitator")
    services.membership_add(arena=only.arena, user=only.user, role="project_lead")
    only.refresh_from_db()
    assert only.role == "project_lead"

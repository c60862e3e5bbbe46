"""The facilitation board and the wall: what they show, their conditional GET, and query
counts that do not grow with the number of measures."""

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from arena.revisions import arena_revision
from measures.models import Measure
from tests import factories
from tests.conftest import log_in_participant

pytestmark = pytest.mark.django_db


def url(name, arena, **kwargs):
    name = name if ":" in name else f"arena:{name}"
    return reverse(name, kwargs={"slug": arena.slug, **kwargs})


def test_facilitation_shows_numbers_groups_marks_kinds_and_activity(fac, busy_arena):
    content = fac.get(url("measures:facilitation", busy_arena)).content.decode()
    assert 'data-testid="joined">2<' in content
    assert 'data-testid="measures">2<' in content
    assert 'data-testid="complete">0<' in content
    assert "Bord A" in content
    assert "Bord B" in content
    assert "Felles formidling av læreplasser" in content
    assert "1 av 6 spørsmål besvart" in content
    assert "Kommune" in content  # the participants' organisation kind
    assert "ble med" in content
    assert "Nå:" in content
    assert "Gruppearbeid 1" in content
    assert 'hx-trigger="every 5s"' in content


def test_project_lead_watches_but_cannot_start_sessions(lead, arena):
    session = factories.ProgramSessionFactory(arena=arena)
    content = lead.get(url("measures:facilitation", arena)).content.decode()
    assert "Start nå" not in content
    assert lead.post(url("session-current", arena), {"session": session.pk}).status_code == 404


def test_live_board_answers_304_until_something_changes(fac, busy_arena, group_a, participant_a):
    from measures import services

    live = url("measures:facilitation-live", busy_arena)
    first = fac.get(live)
    etag = first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    assert fac.get(live, HTTP_IF_NONE_MATCH=etag).status_code == 304
    services.measure_create(
        arena=busy_arena,
        group=group_a,
        title="Nytt tiltak",
        creation_key=uuid.uuid4(),
        editor=participant_a,
    )
    changed = fac.get(live, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Nytt tiltak" in changed.content.decode()


def _write(change, arena, measure, participant):
    """One write of each kind a live screen shows, through the service that makes it."""
    from arena import services as arena_services
    from measures import editor, followup
    from measures import services as measure_services
    from participants import services as participant_services

    if change == "measure_create":
        measure_services.measure_create(
            arena=arena, group=None, title="Nytt", creation_key=uuid.uuid4(), editor=participant
        )
    elif change == "measure_edit":
        result = editor.field_save(
            measure=measure,
            name="goal",
            base=measure.goal,
            value="80 % får læreplass",
            op=uuid.uuid4(),
            editor=participant,
        )
        assert result.ok
    elif change == "submit":
        measure_services.measure_submit(measure=measure, editor=participant)
    elif change == "participant":
        participant_services.participant_join(
            arena=arena, display_name="Ny", organisation=participant.organisation
        )
    elif change == "participant_removed":
        participant_services.participant_remove(
            participant=factories.ParticipantFactory(arena=arena)
        )
    elif change == "move":
        arena_services.participants_move(arena=arena, participants=[participant], group=None)
    elif change == "comment":
        measure_services.comment_add(measure=measure, participant=participant, text="Bra")
    elif change == "commitment":
        measure_services.commitment_save(
            measure=measure, participant=participant, role_kind="partner", text=""
        )
    elif change == "vote":
        prio = factories.ProgramSessionFactory(arena=arena, kind="prioritisation")
        arena_services.session_make_current(arena=arena, session=prio)
        measure.status = "submitted"
        measure.save()
        before = arena_revision(arena.pk)
        measure_services.vote_change(participant=participant, measure=measure, delta=1)
        assert arena_revision(arena.pk) == before + 1
    elif change == "status":
        followup.measure_status_move(measure=measure, status="prioritised")
    elif change == "session":
        arena_services.session_make_current(arena=arena, session=None)
    elif change == "editing":
        arena_services.arena_set_editing(arena=arena, open=False)
    elif change == "ranking":
        arena_services.arena_set_ranking_revealed(arena=arena, revealed=True)
    elif change == "arena_status":
        arena_services.arena_set_status(arena=arena, status="closed")
    elif change == "table":
        group = factories.GroupFactory.build(arena=arena)
        arena_services.setup_save(obj=group, values={"name": "Bord Z"})


WRITES = [
    "measure_create", "measure_edit", "submit", "participant", "participant_removed", "move",
    "comment", "commitment", "vote", "status", "session", "editing", "ranking", "arena_status",
    "table",
]  # fmt: skip


@pytest.mark.parametrize("change", WRITES)
def test_revision_changes_with_every_write_the_live_screens_show(
    fac, busy_arena, participant_a, change
):
    live = url("measures:facilitation-live", busy_arena)
    etag = fac.get(live)["ETag"]
    before = arena_revision(busy_arena.pk)
    measure = busy_arena.measures.filter(group=participant_a.group).first()
    _write(change, busy_arena, measure, participant_a)
    assert arena_revision(busy_arena.pk) > before
    assert fac.get(live, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_revision_ignores_other_arenas(busy_arena, other_arena, participant_other_arena):
    from measures import services

    before = arena_revision(busy_arena.pk)
    services.measure_create(
        arena=other_arena,
        group=None,
        title="Annet",
        creation_key=uuid.uuid4(),
        editor=participant_other_arena,
    )
    assert arena_revision(busy_arena.pk) == before


def test_a_rolled_back_write_leaves_the_revision(busy_arena, participant_a):
    from django.db import transaction

    from measures import services

    before = arena_revision(busy_arena.pk)

    def comment_then_fail():
        with transaction.atomic():
            services.comment_add(
                measure=busy_arena.measures.first(), participant=participant_a, text="Bra"
            )
            raise RuntimeError

    with pytest.raises(RuntimeError):
        comment_then_fail()
    assert arena_revision(busy_arena.pk) == before


def test_a_full_save_of_the_arena_keeps_the_revision_others_bumped(busy_arena, participant_a):
    """The set-up form saves an arena loaded before other people's writes: their revision
    must survive, or a screen holding the old ETag would keep a stale board."""
    from arena.models import Arena
    from arena.revisions import arena_revision_bump

    stale = Arena.objects.get(pk=busy_arena.pk)
    arena_revision_bump(arena_id=busy_arena.pk)
    arena_revision_bump(arena_id=busy_arena.pk)
    stale.title = "Nytt navn"
    stale.save()
    assert Arena.objects.get(pk=busy_arena.pk).revision == stale.revision + 2


def _measures(arena, group, n):
    org = factories.OrganisationFactory()
    for _ in range(n):
        measure = factories.MeasureFactory(arena=arena, group=group)
        factories.MeasureActorFactory(measure=measure, organisation=org, role_kind="lead")
        factories.FundingFactory(measure=measure, organisation=org)
        factories.IndicatorFactory(measure=measure)


@pytest.mark.parametrize("n", [1, 50])
def test_facilitation_query_count_does_not_grow_with_measures(
    fac, arena, group_a, participant_a, n, django_assert_num_queries
):
    factories.ProgramSessionFactory(arena=arena, is_current=True)
    _measures(arena, group_a, n)
    # session, user, arena (with its revision), membership, then the board: measures (light,
    # + table), groups, the texts and "has rows" of the measures not cached yet, joined by kind,
    # recent participants, current session; and the program's sessions, the room's state = 12
    with django_assert_num_queries(12):
        response = fac.get(url("measures:facilitation", arena))
    assert f'data-testid="measures">{n}<' in response.content.decode()
    # Again: the board of this revision comes from the cache:
    # session, user, arena, membership, sessions, room = 6
    with django_assert_num_queries(6):
        again = fac.get(url("measures:facilitation", arena))
    assert f'data-testid="measures">{n}<' in again.content.decode()


@pytest.mark.parametrize("n", [1, 50])
def test_facilitation_live_query_count_does_not_grow_with_measures(
    fac, arena, group_a, n, django_assert_num_queries, client, facilitator
):
    _measures(arena, group_a, n)
    live = url("measures:facilitation-live", arena)
    # session, user, arena (with its revision), membership, then the board's 6 queries
    # (measures, groups, texts and rows of the uncached, joined by kind, recent participants,
    # current session) = 10
    with django_assert_num_queries(10):
        response = fac.get(live)
    # An unchanged board: session, user, arena, membership = 4, no body.
    with django_assert_num_queries(4):
        assert fac.get(live, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    # A second screen gets the same fragment from the cache: the same 4 queries.
    other = Client()
    other.force_login(facilitator)
    with django_assert_num_queries(4):
        shared = other.get(live)
    assert shared.content == response.content


def test_board_cards_follow_a_change_of_their_measure(fac, busy_arena, participant_a):
    from measures import editor

    live = url("measures:facilitation-live", busy_arena)
    measure = busy_arena.measures.filter(group=participant_a.group).first()
    assert "2 av 6 spørsmål besvart" not in fac.get(live).content.decode()
    result = editor.field_save(
        measure=measure,
        name="goal",
        base=measure.goal,
        value="Åtti prosent av elevene får læreplass",
        op=uuid.uuid4(),
        editor=participant_a,
    )
    assert result.ok
    assert "2 av 6 spørsmål besvart" in fac.get(live).content.decode()


@pytest.mark.parametrize("n", [1, 50])
def test_wall_query_count_does_not_grow_with_measures(
    fac, arena, group_a, n, django_assert_num_queries
):
    factories.ProgramSessionFactory(arena=arena, kind="prioritisation", is_current=True)
    arena.ranking_revealed = True
    arena.save()
    _measures(arena, group_a, n)
    # session, user, arena (with its revision), membership, current session, measures (light,
    # + table), their problem areas, the texts and rows of the uncached, ranking, filter lists
    # of problem areas and groups = 11
    with django_assert_num_queries(11):
        response = fac.get(url("measures:wall", arena))
    assert "Prioriteringen" in response.content.decode()
    # Again, the fragment from the cache: session, user, arena, membership, filter lists = 6
    with django_assert_num_queries(6):
        assert "Prioriteringen" in fac.get(url("measures:wall", arena)).content.decode()


def test_wall_filters_by_problem_area_and_group(fac, busy_arena, group_a, group_b):
    area = busy_arena.problem_areas.get()
    content = fac.get(url("measures:wall", busy_arena), {"tema": area.pk}).content.decode()
    assert "Felles formidling" in content
    assert "Karriereveiledning" not in content
    content = fac.get(url("measures:wall", busy_arena), {"bord": group_b.pk}).content.decode()
    assert "Karriereveiledning" in content
    assert "Felles formidling" not in content
    content = fac.get(url("measures:wall", busy_arena), {"bord": "x"}).content.decode()
    assert "Karriereveiledning" in content
    assert "Felles formidling" in content


def test_wall_live_keeps_the_filter_in_its_poll_url(fac, busy_arena, group_b):
    content = fac.get(url("measures:wall", busy_arena), {"bord": group_b.pk}).content.decode()
    assert f'vegg/innhold/?bord={group_b.pk}"' in content


def test_wall_shows_ranking_only_during_prioritisation_when_revealed(fac, busy_arena):
    busy_arena.measures.update(status="submitted")  # only measures sent in are ranked
    measure = Measure.objects.get(title="Karriereveiledning for voksne")
    factories.VoteFactory(measure=measure, dots=3)
    factories.CommitmentFactory(measure=measure)
    assert "Prioriteringen" not in fac.get(url("measures:wall", busy_arena)).content.decode()
    prio = factories.ProgramSessionFactory(
        arena=busy_arena,
        kind="prioritisation",
        starts_at=datetime.time(14),
        ends_at=datetime.time(15),
    )
    fac.post(url("session-current", busy_arena), {"session": prio.pk})
    content = fac.get(url("measures:wall", busy_arena)).content.decode()
    assert "Rangeringen vises når fasilitator viser den." in content
    fac.post(url("ranking-toggle", busy_arena), {"value": "1"})
    content = fac.get(url("measures:wall", busy_arena)).content.decode()
    assert "3 prikker · 1 blir med" in content
    assert content.index("Karriereveiledning") < content.index("Felles formidling")


def test_participant_is_sent_to_log_in_from_staff_pages(client, arena, participant_a):
    log_in_participant(client, participant_a)
    response = client.get(url("measures:facilitation", arena))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_wall_marks_only_just_created_measures_as_new(fac, busy_arena, group_a):
    from django.utils import timezone

    Measure.objects.filter(arena=busy_arena).update(
        created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    fresh = factories.MeasureFactory(arena=busy_arena, group=group_a, title="Helt nytt")
    content = fac.get(url("measures:wall", busy_arena)).content.decode()
    assert f'class="wall-measure is-new" id="wall-measure-{fresh.pk}"' in content
    assert content.count("is-new") == 1


@pytest.fixture
def roles_cached(settings):
    """The staff role cache as in production (the suite counts cold requests without it)."""
    settings.STAFF_ROLE_CACHE_SECONDS = 60


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize("name", ["measures:facilitation-live", "measures:wall-live"])
def test_an_unchanged_poll_is_three_queries_with_the_role_cached(
    roles_cached, fac, arena, group_a, n, name, django_assert_num_queries
):
    _measures(arena, group_a, n)
    live = url(name, arena)
    etag = fac.get(live)["ETag"]
    # session, user, arena (with its revision); the role from the cache, no aggregate, no
    # session write.
    with django_assert_num_queries(3) as captured:
        assert fac.get(live, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert not any(
        q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT")) or "MAX(" in q["sql"].upper()
        for q in captured.captured_queries
    )


def test_a_colleague_removed_from_the_arena_gets_404_at_the_next_poll(
    roles_cached, lead, arena, project_lead
):
    from arena import services

    live = url("measures:facilitation-live", arena)
    etag = lead.get(live)["ETag"]
    assert lead.get(live, HTTP_IF_NONE_MATCH=etag).status_code == 304
    services.membership_remove(membership=project_lead.arena_memberships.get(arena=arena))
    assert lead.get(live, HTTP_IF_NONE_MATCH=etag).status_code == 404

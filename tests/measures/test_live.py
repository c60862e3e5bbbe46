"""The facilitation board and the wall: what they show, their conditional GET, and query
counts that do not grow with the number of measures."""

import datetime

import pytest
from django.urls import reverse

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


def test_live_board_answers_304_until_something_changes(fac, busy_arena, group_a):
    live = url("measures:facilitation-live", busy_arena)
    first = fac.get(live)
    etag = first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    assert fac.get(live, HTTP_IF_NONE_MATCH=etag).status_code == 304
    factories.MeasureFactory(arena=busy_arena, group=group_a, title="Nytt tiltak")
    changed = fac.get(live, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Nytt tiltak" in changed.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        "actor",
        "funding",
        "indicator",
        "measure_edit",
        "participant",
        "vote",
        "commitment",
        "session",
        "editing",
    ],
)
def test_fingerprint_changes_with_everything_the_board_shows(busy_arena, change):
    from arena import services
    from measures import boards

    before = boards.fingerprint(busy_arena)
    measure = busy_arena.measures.first()
    if change == "actor":
        factories.MeasureActorFactory(measure=measure, role_kind="lead")
    elif change == "funding":
        factories.FundingFactory(measure=measure)
    elif change == "indicator":
        factories.IndicatorFactory(measure=measure)
    elif change == "measure_edit":
        measure.goal = "80 % får læreplass"
        measure.save()
    elif change == "participant":
        factories.ParticipantFactory(arena=busy_arena)
    elif change == "vote":
        factories.VoteFactory(measure=measure)
    elif change == "commitment":
        factories.CommitmentFactory(measure=measure)
    elif change == "session":
        services.session_make_current(arena=busy_arena, session=None)
    elif change == "editing":
        services.arena_set_editing(arena=busy_arena, open=False)
    assert boards.fingerprint(busy_arena) != before


def test_fingerprint_ignores_other_arenas(busy_arena, other_arena):
    from measures import boards

    before = boards.fingerprint(busy_arena)
    factories.MeasureFactory(arena=other_arena)
    assert boards.fingerprint(busy_arena) == before


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
    # session, user, arena, membership, sessions (program), measures, 6 prefetches (actors,
    # their organisations, indicators, fundings, their organisations, problem areas), groups,
    # joined by kind, recent participants, current session = 16
    with django_assert_num_queries(16):
        response = fac.get(url("measures:facilitation", arena))
    assert f'data-testid="measures">{n}<' in response.content.decode()


@pytest.mark.parametrize("n", [1, 50])
def test_facilitation_live_query_count_does_not_grow_with_measures(
    fac, arena, group_a, n, django_assert_num_queries
):
    _measures(arena, group_a, n)
    live = url("measures:facilitation-live", arena)
    # session, user, arena, membership, fingerprint, then the board's 11 queries (measures,
    # 6 prefetches, groups, joined by kind, recent participants, current session) = 16
    with django_assert_num_queries(16):
        response = fac.get(live)
    # An unchanged board: session, user, arena, membership, fingerprint = 5, and no body.
    with django_assert_num_queries(5):
        assert fac.get(live, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.mark.parametrize("n", [1, 50])
def test_wall_query_count_does_not_grow_with_measures(
    fac, arena, group_a, n, django_assert_num_queries
):
    factories.ProgramSessionFactory(arena=arena, kind="prioritisation", is_current=True)
    arena.ranking_revealed = True
    arena.save()
    _measures(arena, group_a, n)
    # session, user, arena, membership, current session, measures, 6 prefetches
    # (group is joined; actors, organisations, indicators, fundings, organisations,
    # problem areas), ranking, filter lists of problem areas and groups = 15
    with django_assert_num_queries(15):
        response = fac.get(url("measures:wall", arena))
    assert "Prioriteringen" in response.content.decode()


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

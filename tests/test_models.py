"""Derived facts about one object: completeness, join codes, periods."""

import pytest

from arena.models import Arena, generate_join_code, normalize_join_code
from measures.models import Measure, MeasureActor, split_lines
from tests import factories

pytestmark = pytest.mark.django_db

REAL_TEXT = "Mange lærlingplasser står tomme."


def answered(measure):
    return Measure.objects.with_rows().get(pk=measure.pk).completeness.answered


def test_a_new_measure_answers_none_of_the_six_questions():
    measure = factories.MeasureFactory()
    completeness = Measure.objects.with_rows().get(pk=measure.pk).completeness
    assert completeness.answered == (False,) * 6
    assert completeness.count == 0
    assert not completeness.is_complete


@pytest.mark.parametrize("text", ["", "   ", "-", "?", "ok", "vet ikke"])
def test_a_placeholder_is_not_an_answer(text):
    assert answered(factories.MeasureFactory(description=text))[0] is False


def test_question_1_is_answered_by_a_real_description():
    assert answered(factories.MeasureFactory(description=REAL_TEXT))[0] is True


def test_question_2_needs_a_lead_actor():
    measure = factories.MeasureFactory()
    factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.PARTNER)
    assert answered(measure)[1] is False
    factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.LEAD)
    assert answered(measure)[1] is True


@pytest.mark.parametrize(
    "fields",
    [
        {"way_of_working": "Månedlig formidlingsmøte per region."},
        {"arenas_to_develop": "Formidlingsmøte"},
        {"arenas_to_discontinue": "Det gamle rådet"},
    ],
)
def test_question_3_is_answered_by_a_way_of_working_or_arenas(fields):
    assert answered(factories.MeasureFactory(**fields))[2] is True


def test_question_4_is_answered_by_a_goal_or_an_indicator():
    assert answered(factories.MeasureFactory(goal="80 % får læreplass innen 2027."))[3] is True
    measure = factories.MeasureFactory()
    assert answered(measure)[3] is False
    factories.IndicatorFactory(measure=measure)
    assert answered(measure)[3] is True


def test_question_5_is_answered_by_a_funding_row():
    measure = factories.MeasureFactory()
    assert answered(measure)[4] is False
    factories.FundingFactory(measure=measure)
    assert answered(measure)[4] is True


def test_question_6_is_answered_by_a_horizon():
    assert answered(factories.MeasureFactory(horizon=Measure.Horizon.MEDIUM))[5] is True


def test_a_complete_measure_has_six_marks():
    measure = factories.MeasureFactory(
        description=REAL_TEXT,
        way_of_working="Vi møtes hver måned.",
        goal="Alle får læreplass.",
        horizon=Measure.Horizon.LONG,
    )
    factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.LEAD)
    factories.FundingFactory(measure=measure)
    completeness = Measure.objects.with_rows().get(pk=measure.pk).completeness
    assert completeness.is_complete
    assert [number for number, _label, done in completeness if done] == [1, 2, 3, 4, 5, 6]


def test_completeness_of_prefetched_measures_costs_no_queries(django_assert_num_queries):
    for _ in range(3):
        measure = factories.MeasureFactory()
        factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.LEAD)
    measures = list(Measure.objects.with_rows())
    with django_assert_num_queries(0):
        assert [m.completeness.answered[1] for m in measures] == [True, True, True]


@pytest.mark.parametrize("raw", ["bus-7q4k", "BUS 7Q4K", "bus7q4k", " Bus–7Q4K "])
def test_join_codes_are_normalised_however_typed(raw):
    assert normalize_join_code(raw) == "BUS7Q4K"


def test_join_code_is_shown_with_a_dash():
    assert Arena(join_code="BUS7Q4K").join_code_display == "BUS-7Q4K"
    assert Arena(join_code="7Q4K").join_code_display == "7Q4K"


def test_generated_join_codes_avoid_lookalike_characters():
    codes = {generate_join_code("bus") for _ in range(200)}
    assert all(code.startswith("BUS") and len(code) == 7 for code in codes)
    assert not any(ch in code[3:] for code in codes for ch in "01OIL")
    assert len(codes) > 150


@pytest.mark.parametrize(
    ("status", "editing_open", "expected"),
    [
        (Arena.Status.OPEN, True, True),
        (Arena.Status.OPEN, False, False),
        (Arena.Status.CLOSED, True, False),
        (Arena.Status.DRAFT, True, False),
    ],
)
def test_participants_edit_only_in_an_open_arena_with_editing_open(status, editing_open, expected):
    assert Arena(status=status, editing_open=editing_open).accepts_edits is expected


def test_list_fields_split_into_one_item_per_line():
    assert split_lines("- Formidlingsmøte\n\n• Jobbkafé  \n") == ["Formidlingsmøte", "Jobbkafé"]


def test_period_is_shown_with_terms():
    measure = Measure(start_year=2026, start_term="autumn", end_year=2029, end_term="spring")
    assert measure.period_display == "høsten 2026 – våren 2029"
    assert Measure(start_year=2027).period_display == "2027"
    assert Measure().period_display == ""


def test_every_save_of_a_measure_is_kept_in_its_history():
    measure = factories.MeasureFactory(description="Første utkast av tiltaket.")
    measure.description = "Andre utkast av tiltaket."
    measure.save()
    assert [h.description for h in measure.history.order_by("history_date")] == [
        "Første utkast av tiltaket.",
        "Andre utkast av tiltaket.",
    ]


def test_lead_actor_is_found_among_the_actors():
    measure = factories.MeasureFactory()
    factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.PARTNER)
    lead = factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.LEAD)
    assert measure.lead_actor == lead


def test_string_representations_are_readable():
    measure = factories.MeasureFactory(title="Felles formidling")
    actor = factories.MeasureActorFactory(
        measure=measure, organisation__name="NHO Buskerud", role_kind=MeasureActor.Role.PARTNER
    )
    assert str(measure) == "Felles formidling"
    assert str(actor) == "NHO Buskerud – Partner"
    assert str(factories.ProgramSessionFactory(title="Gruppearbeid 1")) == (
        "Gruppearbeid 1 (10:15–11:30)"
    )


def test_ranking_puts_measures_without_dots_last_on_every_database():
    arena = factories.ArenaFactory()
    unvoted = factories.MeasureFactory(arena=arena, title="A uten prikker")
    committed = factories.MeasureFactory(arena=arena, title="B med forpliktelse")
    factories.CommitmentFactory(measure=committed)
    voted = factories.MeasureFactory(arena=arena, title="C med prikker")
    factories.VoteFactory(measure=voted, dots=2)
    ranked = list(Measure.objects.filter(arena=arena).ranked())
    assert ranked == [voted, committed, unvoted]
    assert [(m.dot_count, m.commitment_count) for m in ranked] == [(2, 0), (0, 1), (0, 0)]

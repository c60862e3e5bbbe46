"""The summary against numbers counted by hand from `lead_world.build_summary_arena`."""

import datetime

import pytest

from measures.summaries import arena_summary
from tests.measures.lead_world import add_plain_measures, build_summary_arena

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(arena):
    build_summary_arena(arena)
    return arena_summary(arena, today=datetime.date(2026, 3, 12))


def titles(measures):
    return [m.title for m in measures]


def test_key_figures_count_measures_people_dots_and_gaps(summary):
    k = summary.key_figures
    assert (k.measures, k.complete, k.agreed) == (4, 2, 1)
    assert (k.participants, k.organisations_present, k.actors_in_measures) == (5, 3, 4)
    assert (k.dots, k.commitments, k.gaps) == (11, 1, 4)


def test_measures_are_grouped_by_problem_area_in_order_with_a_last_section_for_the_rest(summary):
    sections = [(s.title, titles(s.measures)) for s in summary.areas]
    assert sections == [
        ("Grunnleggende ferdigheter", ["Språk og arbeid for innvandrere", "Sommerjobb for unge"]),
        ("Fullføring i videregående", ["Felles formidling av læreplasser", "Sommerjobb for unge"]),
        ("Kompetanse arbeidslivet trenger", []),
        ("Uten problemstilling", ["Tom idé"]),
    ]


def test_six_answers_are_plain_text_with_rows_folded_in(summary):
    m1 = summary.measures[0]
    answers = m1.answers
    assert [a.number for a in answers] == [1, 2, 3, 4, 5, 6]
    assert answers[1].text.splitlines() == [
        "Buskerud fylkeskommune – Ansvarlig/eier: Eier ordningen",
        "NHO Buskerud – Partner: Rekrutterer bedrifter",
        "NAV Buskerud – Bidragsyter",
    ]
    assert "Arenaer som må utvikles: Månedlig formidlingsmøte; Regionalt råd" in answers[2].text
    assert "Arenaer som kan saneres: Det gamle rådet" in answers[2].text
    assert "Indikator: Andel med læreplass, mål: 80 %, innen 1.10.2027" in answers[3].text
    assert answers[4].text.splitlines() == [
        "Buskerud fylkeskommune (Egne midler, Avklart, 500\u00a0000\u00a0kr)",
        "HK-dir (Tilskudd, Må søkes / er spurt)",
    ]
    assert answers[5].text == "Mellomlang sikt (1–3 år) – høsten 2026 – våren 2029"
    assert m1.lead.organisation == "Buskerud fylkeskommune"


def test_coverage_counts_both_directions_for_measures_aimed_at_both_and_lists_the_gaps(summary):
    coverage = summary.coverage
    assert coverage.directions == ("Forebygge utenforskap", "Inn i arbeid")
    assert coverage.rows == (
        ("Unge", (2, 1)),
        ("Unge voksne", (0, 1)),
        ("Innvandrere", (0, 1)),
        ("Personer med nedsatt funksjonsevne", (0, 0)),
    )
    assert coverage.gaps == (
        ("Unge voksne", "Forebygge utenforskap"),
        ("Innvandrere", "Forebygge utenforskap"),
        ("Personer med nedsatt funksjonsevne", "Forebygge utenforskap"),
        ("Personer med nedsatt funksjonsevne", "Inn i arbeid"),
    )
    assert (coverage.without_target_group, coverage.without_direction) == (1, 1)


def test_actor_matrix_puts_organisations_with_most_measures_and_leads_first(summary):
    matrix = summary.actor_matrix
    assert [t for _pk, t in matrix.measures] == [
        "Felles formidling av læreplasser",
        "Språk og arbeid for innvandrere",
        "Tom idé",
        "Sommerjobb for unge",
    ]
    rows = [(o.name, o.measures, o.leads, o.roles) for o in matrix.organisations]
    assert rows == [
        ("Buskerud fylkeskommune", 3, 2, ("A", "P", "", "A")),
        ("NAV Buskerud", 3, 1, ("B", "A", "", "P")),
        ("Drammen kommune", 2, 1, ("", "P", "A", "")),
        ("NHO Buskerud", 2, 0, ("P", "", "", "F")),
    ]
    assert [o.name for o in matrix.carrying_many] == ["Buskerud fylkeskommune", "NAV Buskerud"]
    assert matrix.single_actor_measures == (("Tom idé", 1),)


def test_financing_sums_committed_amounts_per_financier(summary):
    f = summary.financing
    assert [
        (r.name, r.measures, r.possible, r.asked, r.committed, r.amount_committed)
        for r in f.financiers
    ] == [
        ("Buskerud fylkeskommune", 1, 0, 0, 1, 500000),
        ("HK-dir", 1, 0, 1, 0, 0),
        ("NHO Buskerud", 1, 0, 0, 1, 200000),
    ]
    assert f.status_counts == (("Mulig", 0), ("Må søkes / er spurt", 1), ("Avklart", 2))
    assert (f.amount_committed, f.amount_total, f.without_funding) == (700000, 700000, 2)


def test_horizons_count_each_horizon_and_measures_running_per_year(summary):
    h = summary.horizons
    assert h.counts == (
        ("Kort sikt (under 1 år)", 1),
        ("Mellomlang sikt (1–3 år)", 1),
        ("Lang sikt (over 3 år / varig)", 1),
        ("Ikke besvart", 1),
    )
    assert h.years == ((2026, 2), (2027, 2), (2028, 2), (2029, 2), (2030, 1), (2031, 1))
    assert [row[0] for row in h.timeline] == [
        "Språk og arbeid for innvandrere",
        "Felles formidling av læreplasser",
        "Sommerjobb for unge",
    ]


def test_ranking_shares_a_rank_on_equal_dots_and_breaks_ties_by_commitments(summary):
    rows = [(r.rank, r.title, r.dots, r.voters, r.commitments) for r in summary.ranking]
    assert rows == [
        (1, "Språk og arbeid for innvandrere", 5, 2, 0),
        (2, "Felles formidling av læreplasser", 3, 2, 1),
        (2, "Sommerjobb for unge", 3, 1, 0),
        (4, "Tom idé", 0, 0, 0),
    ]
    [(title, commitment)] = summary.commitments
    assert (title, commitment.organisation, commitment.said_by) == (
        "Felles formidling av læreplasser",
        "Drammen kommune",
        "Dag Drammen",
    )


def test_completeness_counts_answers_per_question_and_measures_per_count(summary):
    c = summary.completeness
    assert [n for _number, _q, n in c.per_question] == [3, 4, 2, 2, 2, 3]
    assert c.distribution == ((0, 0), (1, 1), (2, 0), (3, 1), (4, 0), (5, 0), (6, 2))
    assert c.complete == 2


def test_participation_by_kind_counts_people_organisations_roles_and_leads(summary):
    rows = [
        (r.kind_label, r.participants, r.organisations, r.actor_roles, r.leads)
        for r in summary.participation
    ]
    assert rows == [
        ("Kommune", 2, 1, 2, 1),
        ("Fylkeskommune", 2, 1, 3, 2),
        ("Statlig etat (f.eks. NAV)", 1, 1, 3, 1),
        ("Arbeidsgiverorganisasjon", 0, 0, 2, 0),
    ]


def test_an_empty_arena_summarises_to_zeros(arena):
    summary = arena_summary(arena)
    assert summary.key_figures.measures == 0
    assert summary.horizons.years == ()
    assert summary.ranking == ()


# 13 queries whatever the size: measures+group, actors+organisation, indicators,
# fundings+organisation, problem areas (m2m), target groups (m2m), votes, commitments
# (+organisation, participant), comments, follow-up reports; the arena's problem areas, its
# target groups,
# participants with their organisation's kind.
@pytest.mark.parametrize("count", [1, 50])
def test_summary_takes_the_same_number_of_queries_for_1_and_50_measures(
    arena, count, django_assert_num_queries
):
    add_plain_measures(arena, count)
    with django_assert_num_queries(13):
        summary = arena_summary(arena)
    assert summary.key_figures.measures == count

"""Alike measures from different tables on the facilitation board (decision 53): which pairs
are shown, where they point, that the scores are exactly the suggestions' scores, and query
counts that do not grow with the number of measures."""

import random

import pytest
from django.urls import reverse

from arena.revisions import arena_revision_bump
from measures import linking
from measures.models import Measure
from measures.similar import THRESHOLD, _pieces, score
from measures.similar_pairs import BOARD_PAIRS, KEPT, pair_scores
from tests import factories

pytestmark = pytest.mark.django_db

LÆRLING = "Felles formidling av læreplasser mellom skolene og bedriftene i regionen"
SUBMITTED = Measure.Status.SUBMITTED


def sent_in(arena, group, title, description=LÆRLING, status=SUBMITTED):
    return factories.MeasureFactory(
        arena=arena, group=group, title=title, description=description, status=status
    )


def board(fac, arena):
    return fac.get(reverse("measures:facilitation-live", args=[arena.slug])).content.decode()


def pairs_section(content):
    return content.split('id="pairs-heading"')[1].split("</section>")[0]


def test_the_board_shows_alike_measures_of_two_tables_with_a_link_to_compare_them(
    fac, arena, group_a, group_b
):
    first = sent_in(arena, group_a, "Felles formidling")
    second = sent_in(arena, group_b, "Læreplassformidling")
    sent_in(arena, group_b, "Språkkafé", "Språkkafé for nyankomne på biblioteket")
    section = pairs_section(board(fac, arena))
    assert "«Felles formidling» <span" in section
    assert "«Læreplassformidling» <span" in section
    assert "(Bord A)" in section
    assert "(Bord B)" in section
    assert "Språkkafé" not in section
    staff = reverse("measures:measure-staff-detail", args=[arena.slug, first.pk])
    assert f'href="{staff}?lignende={second.pk}#lignende"' in section
    assert section.count('class="similar-pair"') == 1


def test_drafts_the_same_table_linked_and_merged_pairs_are_left_out(
    fac, arena, group_a, group_b, facilitator
):
    a = sent_in(arena, group_a, "Felles formidling")
    sent_in(arena, group_a, "Formidling av læreplasser")  # same table as a
    draft = sent_in(arena, group_b, "Læreplassformidling", status=Measure.Status.DRAFT)
    assert "Ingen par ennå" in pairs_section(board(fac, arena))

    Measure.objects.filter(pk=draft.pk).update(status=SUBMITTED)
    arena_revision_bump(arena_id=arena.pk)
    assert pairs_section(board(fac, arena)).count('class="similar-pair"') == 2

    link, _ = linking.measure_link(
        arena=arena, source_pk=draft.pk, target_pk=a.pk, user=facilitator
    )
    section = pairs_section(board(fac, arena))
    assert section.count('class="similar-pair"') == 1  # the other table-A measure is left
    linking.link_undo(arena=arena, link_pk=link.pk, user=facilitator)
    linking.measure_merge(arena=arena, kept_pk=a.pk, merged_pk=draft.pk, user=facilitator)
    assert "Ingen par ennå" in pairs_section(board(fac, arena))


def test_at_most_ten_pairs_most_alike_first(fac, arena, group_a, group_b):
    for i in range(6):
        sent_in(arena, group_a, f"Formidling av læreplasser {i}")
        sent_in(arena, group_b, f"Formidling av læreplasser {i}")
    section = pairs_section(board(fac, arena))
    assert section.count('class="similar-pair"') == BOARD_PAIRS
    percents = [int(p.split(" %")[0].rsplit(">", 1)[-1]) for p in section.split("% likt")[:-1]]
    assert percents == sorted(percents, reverse=True)


def test_the_scores_are_the_suggestions_scores_exactly(arena):
    rng = random.Random(13)
    words = [*LÆRLING.split(), "språkkafé", "nyankomne", "bibliotek", "leksehjelp", "mentor"]
    groups = [factories.GroupFactory(arena=arena, name=f"Bord {i}") for i in range(3)]
    measures = [
        sent_in(
            arena,
            rng.choice(groups),
            " ".join(rng.sample(words, 3)),
            " ".join(rng.choice(words) for _ in range(rng.randint(0, 12))),
        )
        for _ in range(40)
    ]
    expected = sorted(
        (-alike, a.pk, b.pk)
        for i, a in enumerate(measures)
        for b in measures[i + 1 :]
        if a.group_id != b.group_id
        and (alike := score(_pieces(a.title, a.description), _pieces(b.title, b.description)))
        >= THRESHOLD
    )
    assert len(expected) > 5, "the random measures must make some pairs"
    assert pair_scores(measures) == [(-s, a, b) for s, a, b in expected][:KEPT]


def test_the_staff_page_keeps_the_boards_pair_among_its_suggestions(fac, arena, group_a, group_b):
    mine = sent_in(arena, group_a, "Formidling av læreplasser")
    for i in range(5):
        sent_in(arena, group_b, f"Formidling av læreplasser {i}")
    least = sent_in(arena, group_b, "Læreplasser", description="Flere læreplasser i regionen")
    url = reverse("measures:measure-staff-detail", args=[arena.slug, mine.pk])
    staff_link = reverse("measures:measure-staff-detail", args=[arena.slug, least.pk])
    assert staff_link not in fac.get(url).content.decode()  # sixth: past the five
    assert staff_link in fac.get(url, {"lignende": least.pk}).content.decode()
    for junk in ("abc", "²", "9" * 40):
        assert fac.get(url, {"lignende": junk}).status_code == 200


@pytest.mark.parametrize("n", [1, 25])
def test_the_pairs_cost_two_queries_whatever_the_number_of_measures(
    fac, arena, group_a, group_b, n, django_assert_num_queries
):
    for i in range(n):
        sent_in(arena, group_a, f"Formidling av læreplasser {i}")
        sent_in(arena, group_b, f"Læreplassformidling {i}")
    live = reverse("measures:facilitation-live", args=[arena.slug])
    # tests/measures/test_live.py's 10 (session, user, arena with its revision, membership,
    # the board's 6), and the pairs': the standing links, the compared measures' descriptions
    # = 12
    with django_assert_num_queries(12):
        response = fac.get(live)
    assert 'class="similar-pair"' in response.content.decode()
    # Something that changes no measure sent in (here: only the revision): the cards and the
    # pairs' scores come from the cache; the board's 5, the links = 6, plus the 4 before it.
    arena_revision_bump(arena_id=arena.pk)
    with django_assert_num_queries(10):
        again = fac.get(live)
    assert pairs_section(again.content.decode()) == pairs_section(response.content.decode())

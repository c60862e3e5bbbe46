"""Measures from other tables that look alike (decision 48), and linking, merging and undoing
them (decision 49): nothing anyone contributed is lost, and undo puts back what moved."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from arena.models import ProgramSession
from measures import linking, services
from measures.models import Comment, Commitment, Measure, MeasureLink, Vote
from measures.similar import similar_measures, similarity, trigrams
from tests import factories
from tests.conftest import log_in_participant

pytestmark = pytest.mark.django_db

LÆRLING = "Felles formidling av læreplasser mellom skolene og bedriftene i regionen"


def staff_url(measure, name="measures:measure-staff-detail"):
    return reverse(name, args=[measure.arena.slug, measure.pk])


def alike(arena, group, title="Formidling av læreplasser", **values):
    return factories.MeasureFactory(
        arena=arena, group=group, title=title, description=values.pop("description", LÆRLING),
        **values,
    )  # fmt: skip


# Similarity ---------------------------------------------------------------------------------


def test_the_same_idea_in_other_words_scores_above_the_threshold_and_other_ideas_below():
    mine = trigrams("Felles formidling av læreplasser i industrien")
    same = trigrams("Formidling av læreplasser for industrien")
    other = trigrams("Språkkafé for nyankomne innvandrere på biblioteket")
    assert similarity(mine, same) >= 0.5
    assert similarity(mine, other) < 0.1


def test_common_words_alone_make_no_likeness():
    assert trigrams("og for som til med på av i det") == set()


def test_suggestions_come_from_other_tables_only_most_alike_first(arena, group_a, group_b):
    mine = alike(arena, group_a, "Felles formidling av læreplasser")
    same_table = alike(arena, group_a, "Formidling av læreplasser, del 2")
    close = alike(arena, group_b, "Formidling av læreplasser")
    nearish = alike(arena, group_b, "Læreplasser", description="Flere læreplasser i regionen")
    alike(arena, group_b, "Språkkafé", description="Språkkafé for nyankomne på biblioteket")
    found = similar_measures(
        arena, title=mine.title, description=mine.description, measure=mine, group_id=group_a.pk
    )
    assert [s.pk for s in found] == [close.pk, nearish.pk]
    assert same_table.pk not in [s.pk for s in found]
    assert found[0].group_name == group_b.name


def test_suggestions_cost_one_query_whatever_the_number_of_measures(
    arena, group_a, group_b, django_assert_num_queries
):
    for n in range(50):
        alike(arena, group_b, f"Formidling av læreplasser {n}")
    with django_assert_num_queries(1):
        found = similar_measures(
            arena, title="Formidling", description=LÆRLING, group_id=group_a.pk
        )
    assert len(found) == 5


# Where they are shown ------------------------------------------------------------------------


def test_staff_page_suggests_the_other_tables_measure_with_link_and_merge_buttons(
    staff_client, arena, group_a, group_b
):
    mine, other = alike(arena, group_a), alike(arena, group_b, "Læreplass-formidling")
    content = staff_client.get(staff_url(mine)).content.decode()
    assert "Ligner på tiltak fra andre bord" in content
    assert "Læreplass-formidling" in content
    assert staff_url(mine, "measures:measure-link-create") in content
    assert staff_url(mine, "measures:measure-merge") in content
    assert f'name="other" value="{other.pk}"' in content


def test_project_lead_sees_the_suggestions_but_no_buttons(lead_client, arena, group_a, group_b):
    mine = alike(arena, group_a)
    alike(arena, group_b, "Læreplass-formidling")
    content = lead_client.get(staff_url(mine)).content.decode()
    assert "Læreplass-formidling" in content
    assert staff_url(mine, "measures:measure-merge") not in content


def test_editor_steps_and_review_suggest_other_tables_measures(
    client, arena, group_a, group_b, participant_a
):
    mine = alike(arena, group_a)
    alike(arena, group_b, "Læreplass-formidling")
    log_in_participant(client, participant_a)
    for url in (
        reverse("measures:measure-edit", args=[arena.slug, mine.pk, 0]),
        reverse("measures:measure-edit", args=[arena.slug, mine.pk, 1]),
        reverse("measures:measure-review", args=[arena.slug, mine.pk]),
    ):
        content = client.get(url).content.decode()
        assert "Ligner på tiltak fra andre bord" in content, url
        assert "Læreplass-formidling" in content, url


def test_the_fragment_answers_for_what_is_being_typed(
    client, arena, group_a, group_b, participant_a
):
    mine = factories.MeasureFactory(arena=arena, group=group_a, title="Nytt tiltak")
    alike(arena, group_b, "Språkkafé", description="Språkkafé for nyankomne på biblioteket")
    log_in_participant(client, participant_a)
    url = reverse("measures:measure-similar", args=[arena.slug, mine.pk])
    assert "Språkkafé" not in client.get(url).content.decode()
    typed = client.get(url, {"description": "En språkkafé for nyankomne på biblioteket"})
    assert "Språkkafé" in typed.content.decode()


@pytest.mark.parametrize("n", [1, 50])
def test_new_pages_query_counts_do_not_grow_with_measures(
    client, staff_client, arena, group_a, group_b, participant_a, n, django_assert_num_queries
):
    mine = alike(arena, group_a)
    for i in range(n):
        alike(arena, group_b, f"Formidling av læreplasser {i}")
    other = Measure.objects.filter(group=group_b).first()
    participant = Client()
    log_in_participant(participant, participant_a)
    fragment = reverse("measures:measure-similar", args=[arena.slug, mine.pk])
    with django_assert_num_queries(FRAGMENT_QUERIES):
        participant.get(fragment)
    with django_assert_num_queries(MERGE_CONFIRM_QUERIES):
        staff_client.post(staff_url(mine, "measures:measure-merge"), {"other": other.pk})
    with django_assert_num_queries(STAFF_PAGE_QUERIES):
        staff_client.get(staff_url(mine))


# Session, participant with its arena (2); the measure (1); the suggestions (1).
FRAGMENT_QUERIES = 4
# Session, user, arena, membership (4); the two measures (2); what would move: comments,
# commitments, dots, authors (4).
MERGE_CONFIRM_QUERIES = 10
# tests/measures/test_staff.py's MEASURE_QUERIES (links and suggestions included), less the
# two for the organisations of actors and funding rows, which these measures have none of.
STAFF_PAGE_QUERIES = 19


@pytest.mark.parametrize("n", [1, 50])
def test_merged_and_undo_pages_query_counts_do_not_grow_with_measures(
    staff_client, arena, group_a, group_b, participant_a, facilitator, n,
    django_assert_num_queries,
):  # fmt: skip
    kept, merged = alike(arena, group_a, "Felles formidling"), alike(arena, group_b, "Læreplass")
    for i in range(n):
        alike(arena, group_b, f"Formidling av læreplasser {i}")
        factories.CommentFactory(measure=merged)
        factories.VoteFactory(measure=merged, dots=1)
    linking.measure_merge(arena=arena, kept_pk=kept.pk, merged_pk=merged.pk, user=facilitator)
    link = MeasureLink.objects.get()
    undo = reverse("measures:link-undo", args=[arena.slug, link.pk])
    with django_assert_num_queries(UNDO_CONFIRM_QUERIES):
        assert "measure_merge_undo_confirm" in template_names(staff_client.post(undo))
    with django_assert_num_queries(MERGED_STAFF_QUERIES):
        assert "staff_measure_merged" in template_names(staff_client.get(staff_url(merged)))
    phone = log_in_participant(Client(), participant_a)
    page = reverse("measures:measure-detail", args=[arena.slug, merged.pk])
    with django_assert_num_queries(MERGED_PARTICIPANT_QUERIES):
        assert "measures/measure_merged.html" in template_names(phone.get(page))


def template_names(response):
    assert response.status_code == 200
    return " ".join(t.name for t in response.templates if t.name)


# Session, user, arena, membership (4); the merge with both measures (1).
UNDO_CONFIRM_QUERIES = 5
# Session, user, arena, membership (4); the merged measure, its merge, the kept measure and
# its table (4).
MERGED_STAFF_QUERIES = 8
# Session, participant with its arena (2); the merged measure and the one it was merged into
# (2).
MERGED_PARTICIPANT_QUERIES = 4


# Link ---------------------------------------------------------------------------------------


def test_linking_twice_either_way_makes_one_link_and_undo_removes_it(
    staff_client, arena, group_a, group_b, facilitator
):
    mine, other = alike(arena, group_a), alike(arena, group_b)
    response = staff_client.post(
        staff_url(mine, "measures:measure-link-create"), {"other": other.pk}
    )
    assert response.status_code == 302
    staff_client.post(staff_url(other, "measures:measure-link-create"), {"other": mine.pk})
    link = MeasureLink.objects.get()
    assert (link.kind, link.created_by) == (MeasureLink.Kind.LINK, facilitator)
    content = staff_client.get(staff_url(other)).content.decode()
    assert "Samme idé som" in content
    assert "Fjern koblingen" in content
    undo = reverse("measures:link-undo", args=[arena.slug, link.pk])
    assert staff_client.post(undo, {"back": other.pk})["Location"] == staff_url(other)
    link.refresh_from_db()
    assert link.undone_at is not None
    assert Measure.objects.filter(pk__in=[mine.pk, other.pk]).count() == 2


# Merge --------------------------------------------------------------------------------------


@pytest.fixture
def two_tables(arena, group_a, group_b):
    """Two measures of the same idea with comments, commitments (one organisation on both),
    dots (one person on both) and authors."""
    kept = alike(arena, group_a, "Felles formidling", status=Measure.Status.DRAFT)
    merged = alike(arena, group_b, "Læreplassformidling", status=Measure.Status.SUBMITTED)
    both_org = factories.OrganisationFactory(name="NAV Buskerud")
    kari = factories.ParticipantFactory(arena=arena, group=group_a, display_name="Kari")
    ola = factories.ParticipantFactory(arena=arena, group=group_b, display_name="Ola")
    kept.authors.add(kari)
    merged.authors.add(ola, kari)
    factories.CommentFactory(measure=kept, text="Ta med skolene")
    comment = factories.CommentFactory(measure=merged, text="Ta med bedriftene")
    factories.CommitmentFactory(measure=kept, organisation=both_org, text="Kept sin")
    factories.CommitmentFactory(measure=merged, organisation=both_org, text="Merged sin")
    moving = factories.CommitmentFactory(measure=merged, text="Vi stiller lokaler")
    factories.VoteFactory(measure=kept, participant=kari, dots=1)
    factories.VoteFactory(measure=merged, participant=kari, dots=2)
    factories.VoteFactory(measure=merged, participant=ola, dots=3)
    return {"kept": kept, "merged": merged, "kari": kari, "ola": ola, "comment": comment,
            "moving": moving, "both_org": both_org}  # fmt: skip


def merge_url(measure):
    return staff_url(measure, "measures:measure-merge")


def test_the_first_post_says_what_happens_and_changes_nothing(staff_client, two_tables):
    kept, merged = two_tables["kept"], two_tables["merged"]
    response = staff_client.post(merge_url(kept), {"other": merged.pk})
    content = response.content.decode()
    assert response.status_code == 200
    assert "1 kommentar flyttes over." in content
    assert "1 «Vi blir med» flyttes over." in content
    assert "5 prikker flyttes over." in content
    assert "1 deltaker til blir oppført som med-forfatter." in content
    assert not MeasureLink.objects.exists()
    assert Measure.objects.filter(pk=merged.pk).exists()


def test_the_facilitator_may_keep_the_other_measure(staff_client, two_tables):
    kept, merged = two_tables["kept"], two_tables["merged"]
    response = staff_client.post(merge_url(kept), {"other": merged.pk, "kept": merged.pk})
    assert "Ja, slå sammen og behold «Læreplassformidling»" in response.content.decode()


def test_a_merge_keeps_every_contribution_and_hides_the_merged_measure(
    staff_client, arena, two_tables, facilitator
):
    kept, merged = two_tables["kept"], two_tables["merged"]
    dots_before = {p.pk: services.dots_used(p) for p in (two_tables["kari"], two_tables["ola"])}
    response = staff_client.post(merge_url(kept), {"other": merged.pk, "confirmed": "1"})
    assert response["Location"] == staff_url(kept)

    assert list(Measure.objects.filter(arena=arena)) == [kept]
    assert Measure.everything.get(pk=merged.pk).merged_into == kept
    assert two_tables["comment"] in Comment.objects.filter(measure=kept)
    assert Commitment.objects.get(pk=two_tables["moving"].pk).measure == kept
    # The organisation on both keeps its commitment on the kept measure; its other one waits
    # on the merged measure for an undo.
    assert Commitment.objects.get(measure=kept, organisation=two_tables["both_org"]).text == (
        "Kept sin"
    )
    votes = dict(Vote.objects.filter(measure=kept).values_list("participant__display_name", "dots"))
    assert votes == {"Kari": 3, "Ola": 3}
    assert {p.pk: services.dots_used(p) for p in (two_tables["kari"], two_tables["ola"])} == (
        dots_before
    )
    assert set(kept.authors.values_list("display_name", flat=True)) == {"Kari", "Ola"}
    kept.refresh_from_db()
    assert kept.status == Measure.Status.SUBMITTED  # the merged one had been sent in
    link = MeasureLink.objects.get(kind=MeasureLink.Kind.MERGE)
    assert (link.source, link.target, link.created_by) == (merged, kept, facilitator)

    content = staff_client.get(staff_url(kept)).content.decode()
    assert "Slått sammen inn hit" in content
    assert "Læreplassformidling" in content
    merged_page = staff_client.get(staff_url(merged)).content.decode()
    assert "Dette tiltaket er slått sammen med «Felles formidling»" in merged_page


def test_undo_puts_back_exactly_what_moved(staff_client, arena, two_tables):
    kept, merged = two_tables["kept"], two_tables["merged"]
    before = {
        "comments": set(Comment.objects.values_list("pk", "measure_id")),
        "commitments": set(Commitment.objects.values_list("pk", "measure_id")),
        "votes": set(Vote.objects.values_list("measure_id", "participant_id", "dots")),
        "kept_authors": set(kept.authors.values_list("pk", flat=True)),
    }
    staff_client.post(merge_url(kept), {"other": merged.pk, "confirmed": "1"})
    link = MeasureLink.objects.get()
    undo = reverse("measures:link-undo", args=[arena.slug, link.pk])
    confirm = staff_client.post(undo)
    assert "Ja, angre sammenslåingen" in confirm.content.decode()
    assert Measure.everything.get(pk=merged.pk).merged_into_id == kept.pk  # not yet
    staff_client.post(undo, {"confirmed": "1"})

    assert set(Comment.objects.values_list("pk", "measure_id")) == before["comments"]
    assert set(Commitment.objects.values_list("pk", "measure_id")) == before["commitments"]
    assert set(Vote.objects.values_list("measure_id", "participant_id", "dots")) == before["votes"]
    assert set(kept.authors.values_list("pk", flat=True)) == before["kept_authors"]
    kept.refresh_from_db()
    assert kept.status == Measure.Status.DRAFT
    assert Measure.objects.get(pk=merged.pk).merged_into is None
    link.refresh_from_db()
    assert link.undone_at is not None
    # Undone twice is refused, not applied twice.
    with pytest.raises(linking.LinkRefused):
        linking.link_undo(arena=arena, link_pk=link.pk, user=None)


def test_undo_gives_back_no_more_dots_than_the_person_still_has(arena, two_tables):
    kept, merged, kari = two_tables["kept"], two_tables["merged"], two_tables["kari"]
    link = linking.measure_merge(arena=arena, kept_pk=kept.pk, merged_pk=merged.pk, user=None)
    Vote.objects.filter(measure=kept, participant=kari).update(dots=1)  # moved two elsewhere
    linking.link_undo(arena=arena, link_pk=link.pk, user=None)
    assert not Vote.objects.filter(measure=kept, participant=kari).exists()
    assert Vote.objects.get(measure=merged, participant=kari).dots == 1


def test_a_merged_measure_cannot_be_merged_again_nor_swallow_one(arena, group_a, two_tables):
    kept, merged = two_tables["kept"], two_tables["merged"]
    third = alike(arena, group_a, "Tredje")
    linking.measure_merge(arena=arena, kept_pk=kept.pk, merged_pk=merged.pk, user=None)
    with pytest.raises(linking.LinkRefused):
        linking.measure_merge(arena=arena, kept_pk=third.pk, merged_pk=merged.pk, user=None)
    with pytest.raises(linking.LinkRefused):
        linking.measure_merge(arena=arena, kept_pk=merged.pk, merged_pk=third.pk, user=None)
    # The kept measure has one merged into it: it may take more, but not be merged away.
    with pytest.raises(linking.LinkRefused, match="angre de sammenslåingene først"):
        linking.measure_merge(arena=arena, kept_pk=third.pk, merged_pk=kept.pk, user=None)


def test_participants_opening_the_merged_measure_are_pointed_to_the_kept_one(
    client, arena, two_tables, participant_b
):
    kept, merged = two_tables["kept"], two_tables["merged"]
    linking.measure_merge(arena=arena, kept_pk=kept.pk, merged_pk=merged.pk, user=None)
    log_in_participant(client, participant_b)
    for name in ("measures:measure-detail", "measures:measure-review"):
        response = client.get(reverse(name, args=[arena.slug, merged.pk]))
        content = response.content.decode()
        assert "Dette tiltaket er slått sammen med et annet" in content, name
        assert reverse("measures:measure-detail", args=[arena.slug, kept.pk]) in content
    comment = reverse("measures:comment-create", args=[arena.slug, merged.pk])
    assert client.post(comment, {"text": "Hei"}).status_code == 404


def test_a_dot_for_a_merged_measure_is_refused(arena, two_tables):
    ProgramSession.objects.filter(arena=arena).delete()
    factories.ProgramSessionFactory(
        arena=arena, kind=ProgramSession.Kind.PRIORITISATION, is_current=True
    )
    kept, merged = two_tables["kept"], two_tables["merged"]
    linking.measure_merge(arena=arena, kept_pk=kept.pk, merged_pk=merged.pk, user=None)
    with pytest.raises(services.VoteRefused, match="slått sammen"):
        services.vote_change(participant=two_tables["ola"], measure=merged, delta=1)


# Two facilitators at once ----------------------------------------------------------------------


def _at_once(*calls):
    start, results = threading.Barrier(len(calls)), []

    def run(call):
        try:
            start.wait(30)
            call()
            results.append("ok")
        except linking.LinkRefused:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return sorted(results)


@pytest.mark.django_db(transaction=True)
def test_two_facilitators_merging_the_pair_each_way_at_once_merge_it_once(arena, two_tables):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite runs one write at a time anyway")
    kept, merged = two_tables["kept"], two_tables["merged"]
    dots = Vote.objects.filter(measure__in=[kept, merged]).values_list("dots", flat=True)
    total = sum(dots)
    results = _at_once(
        lambda: linking.measure_merge(arena=arena, kept_pk=kept.pk, merged_pk=merged.pk, user=None),
        lambda: linking.measure_merge(arena=arena, kept_pk=merged.pk, merged_pk=kept.pk, user=None),
    )
    assert results == ["ok", "refused"]
    standing = list(Measure.objects.filter(pk__in=[kept.pk, merged.pk]))
    assert len(standing) == 1
    assert MeasureLink.objects.filter(undone_at__isnull=True).count() == 1
    assert sum(Vote.objects.filter(measure=standing[0]).values_list("dots", flat=True)) == total
    assert Comment.objects.filter(measure=standing[0]).count() == 2


@pytest.mark.django_db(transaction=True)
def test_undo_and_a_second_undo_at_once_undo_once(arena, two_tables):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    kept, merged = two_tables["kept"], two_tables["merged"]
    link = linking.measure_merge(arena=arena, kept_pk=kept.pk, merged_pk=merged.pk, user=None)
    results = _at_once(
        lambda: linking.link_undo(arena=arena, link_pk=link.pk, user=None),
        lambda: linking.link_undo(arena=arena, link_pk=link.pk, user=None),
    )
    assert results == ["ok", "refused"]
    assert Vote.objects.filter(measure=merged).count() == 2

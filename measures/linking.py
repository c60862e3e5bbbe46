"""Linking and merging measures that are the same idea (decision 49). Only facilitators call
these; every write is one transaction that locks the measures it touches, in id order, so two
facilitators acting on the same pair at once cannot both succeed or interleave."""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.revisions import arena_revision_bump
from measures import editor_feed
from measures.models import Comment, Commitment, Measure, MeasureLink, Vote


class LinkRefused(Exception):
    """The link, merge or undo cannot be done as asked; the message says why."""


def _lock_standing(arena, pks):
    """The standing (not merged) measures of `arena` with these ids, locked, by id. The lock
    waits for a merge in progress and then sees its outcome: a measure merged meanwhile is not
    returned (PostgreSQL re-checks the row it waited for)."""
    return {
        m.pk: m
        for m in Measure.objects.select_for_update().filter(arena=arena, pk__in=pks).order_by("pk")
    }


def _touch(arena, *measures):
    """Cards and live screens show the change: new `updated_at`, a new arena revision."""
    now = timezone.now()
    Measure.everything.filter(pk__in=[m.pk for m in measures]).update(updated_at=now)
    groups = {m.group_id for m in measures if m.group_id}
    transaction.on_commit(lambda: [editor_feed.table_cards_touch(g) for g in groups])
    arena_revision_bump(arena_id=arena.pk)


def standing_link(a, b):
    return (
        MeasureLink.objects.filter(undone_at__isnull=True, kind=MeasureLink.Kind.LINK)
        .filter(source__in=(a, b), target__in=(a, b))
        .first()
    )


@transaction.atomic
def measure_link(*, arena, source_pk, target_pk, user):
    """ "Samme idé som …": a standing link between two measures (either direction counts as
    the same link, so linking again returns it). Returns (link, created)."""
    locked = _lock_standing(arena, {source_pk, target_pk})
    if source_pk == target_pk or len(locked) != 2:
        raise LinkRefused(_("Tiltakene kan ikke kobles: et av dem er slått sammen med et annet."))
    existing = standing_link(source_pk, target_pk)
    if existing:
        return existing, False
    link = MeasureLink.objects.create(
        arena=arena,
        kind=MeasureLink.Kind.LINK,
        source=locked[source_pk],
        target=locked[target_pk],
        created_by=user,
    )
    _touch(arena, *locked.values())
    return link, True


def _move_votes(merged, kept):
    """Dots of people who voted on only the merged measure move with their vote row; dots of
    someone who voted on both are added to their vote on the kept one (a person has one vote
    row per measure). Their total of dots is the same either way, so the dots per participant
    limit holds."""
    on_kept = dict(Vote.objects.filter(measure=kept).values_list("participant_id", "pk"))
    moved, added = [], []
    for vote in Vote.objects.filter(measure=merged).order_by("pk"):
        if vote.participant_id in on_kept:
            kept_vote = on_kept[vote.participant_id]
            Vote.objects.filter(pk=kept_vote).update(dots=F("dots") + vote.dots)
            added.append([kept_vote, vote.participant_id, vote.dots])
            vote.delete()
        else:
            moved.append(vote.pk)
    Vote.objects.filter(pk__in=moved).update(measure=kept)
    return moved, added


@transaction.atomic
def measure_merge(*, arena, kept_pk, merged_pk, user):
    """Merge the measure `merged_pk` into `kept_pk`: its comments, commitments, dots and
    authors move to the kept one, which is then shown with the merged one's table and texts;
    the merged one is hidden and its page points to the kept one. What moved is recorded in the
    returned `MeasureLink`, for `measure_merge_undo`.

    A commitment of an organisation that has also committed to the kept measure stays where it
    is (one per organisation and measure): the kept measure already has that organisation."""
    locked = _lock_standing(arena, {kept_pk, merged_pk})
    if kept_pk == merged_pk or len(locked) != 2:
        raise LinkRefused(
            _("Tiltakene kan ikke slås sammen: et av dem er allerede slått sammen med et annet.")
        )
    kept, merged = locked[kept_pk], locked[merged_pk]
    if Measure.everything.filter(merged_into=merged).exists():
        raise LinkRefused(
            _(
                "«%(title)s» har selv fått andre tiltak slått sammen inn i seg. Behold det, "
                "eller angre de sammenslåingene først."
            )
            % {"title": merged.title}
        )
    comments = list(Comment.objects.filter(measure=merged).values_list("pk", flat=True))
    Comment.objects.filter(pk__in=comments).update(measure=kept)
    kept_orgs = Commitment.objects.filter(measure=kept).values("organisation")
    commitments = list(
        Commitment.objects.filter(measure=merged)
        .exclude(organisation__in=kept_orgs)
        .values_list("pk", flat=True)
    )
    Commitment.objects.filter(pk__in=commitments).update(measure=kept)
    votes, added_dots = _move_votes(merged, kept)
    kept_authors = set(kept.authors.values_list("pk", flat=True))
    authors = [pk for pk in merged.authors.values_list("pk", flat=True) if pk not in kept_authors]
    kept.authors.add(*authors)
    status_before = kept.status
    if kept.status == Measure.Status.DRAFT and merged.status != Measure.Status.DRAFT:
        # Sent in at one table: the merged measure still takes part in the gallery and voting.
        Measure.everything.filter(pk=kept.pk).update(
            status=Measure.Status.SUBMITTED, submitted_at=merged.submitted_at or timezone.now()
        )
    Measure.everything.filter(pk=merged.pk).update(merged_into=kept)
    link = MeasureLink.objects.create(
        arena=arena,
        kind=MeasureLink.Kind.MERGE,
        source=merged,
        target=kept,
        created_by=user,
        moved={
            "comments": comments,
            "commitments": commitments,
            "votes": votes,
            "added_dots": added_dots,
            "authors": authors,
            "status": status_before,
        },
    )
    _touch(arena, kept, merged)
    return link


def _give_back_dots(added_dots, merged, kept):
    """Dots added to someone's vote on the kept measure go back to a vote on the merged one;
    as many as that vote still has, if the person moved some since."""
    for vote_pk, participant_pk, dots in added_dots:
        vote = Vote.objects.filter(pk=vote_pk, measure=kept).first()
        back = min(dots, vote.dots) if vote else 0
        if not back:
            continue
        if back == vote.dots:
            vote.delete()
        else:
            Vote.objects.filter(pk=vote_pk).update(dots=F("dots") - back)
        Vote.objects.create(measure=merged, participant_id=participant_pk, dots=back)


@transaction.atomic
def link_undo(*, arena, link_pk, user):
    """Undo a link (it stops standing) or a merge (everything it moved goes back, and the
    merged measure stands again). The link row stays, with when and by whom it was undone."""
    link = (
        MeasureLink.objects.select_for_update()
        .filter(arena=arena, pk=link_pk, undone_at__isnull=True)
        .first()
    )
    if link is None:
        raise LinkRefused(_("Dette er allerede angret."))
    measures = {
        m.pk: m
        for m in Measure.everything.select_for_update()
        .filter(pk__in=(link.source_id, link.target_id))
        .order_by("pk")
    }
    merged, kept = measures[link.source_id], measures[link.target_id]
    if link.kind == MeasureLink.Kind.MERGE:
        moved = link.moved
        Comment.objects.filter(pk__in=moved["comments"], measure=kept).update(measure=merged)
        Commitment.objects.filter(pk__in=moved["commitments"], measure=kept).update(measure=merged)
        Vote.objects.filter(pk__in=moved["votes"], measure=kept).update(measure=merged)
        _give_back_dots(moved["added_dots"], merged, kept)
        kept.authors.remove(*moved["authors"])
        if moved["status"] == Measure.Status.DRAFT and kept.status == Measure.Status.SUBMITTED:
            Measure.everything.filter(pk=kept.pk).update(
                status=Measure.Status.DRAFT, submitted_at=None
            )
        Measure.everything.filter(pk=merged.pk).update(merged_into=None)
    link.undone_at, link.undone_by = timezone.now(), user
    link.save(update_fields=["undone_at", "undone_by"])
    _touch(arena, kept, merged)
    return link


def merge_effects(merged, kept):
    """What merging `merged` into `kept` will move, in words, for the confirmation (4 queries)."""
    kept_orgs = Commitment.objects.filter(measure=kept).values("organisation")
    n_comments = Comment.objects.filter(measure=merged).count()
    n_commitments = Commitment.objects.filter(measure=merged).exclude(organisation__in=kept_orgs)
    n_dots = sum(Vote.objects.filter(measure=merged).values_list("dots", flat=True))
    n_authors = merged.authors.exclude(pk__in=kept.authors.values("pk")).count()
    return {
        "comments": n_comments,
        "commitments": n_commitments.count(),
        "dots": n_dots,
        "authors": n_authors,
    }


def links_of(measure):
    """The standing links and merges of `measure`, both ways, with both measures and their
    tables (one query): `same` (linked, the other measure), `merged_in` (merged into this one)."""
    rows = (
        MeasureLink.objects.filter(Q(source=measure.pk) | Q(target=measure.pk))
        .filter(undone_at__isnull=True)
        .select_related("source__group", "target__group")
        .order_by("created_at", "pk")
    )
    same, merged_in = [], []
    for link in rows:
        other = link.target if link.source_id == measure.pk else link.source
        if link.kind == MeasureLink.Kind.LINK:
            same.append((link, other))
        elif link.target_id == measure.pk:
            merged_in.append((link, other))
    return {"same": same, "merged_in": merged_in}


def merge_of(measure):
    """The standing merge that hides `measure`, with the kept measure and its table."""
    return (
        MeasureLink.objects.filter(
            source=measure, kind=MeasureLink.Kind.MERGE, undone_at__isnull=True
        )
        .select_related("target__group")
        .first()
    )

"""Writes of the workshop: creating and saving measures without losing anyone's text,
comments, commitments and dots."""

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.models import ProgramSession
from arena.revisions import arena_revision_bump
from arena.text import clean_text
from measures import editor_core, editor_feed
from measures.models import (
    Comment,
    Commitment,
    Measure,
    Room,
    Vote,
)
from participants.models import Participant


class EditingClosed(Exception):
    """The facilitator has closed editing (or the arena); nothing was saved."""


class VoteRefused(Exception):
    pass


@transaction.atomic
def measure_create(*, arena, group, title, creation_key, editor):
    """Create a measure, or return the one this form already created (double tap, resent POST).

    Returns (measure, created)."""
    if not arena.accepts_edits:
        raise EditingClosed
    existing = Measure.objects.filter(arena=arena, creation_key=creation_key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            measure = Measure.objects.create(
                arena=arena,
                group=group,
                title=" ".join(title.split()),
                creation_key=creation_key,
                last_edited_by=editor,
            )
    except IntegrityError:  # the other tap won the race
        return Measure.objects.get(arena=arena, creation_key=creation_key), False
    measure.authors.add(editor)
    if group:
        transaction.on_commit(lambda: editor_feed.table_cards_touch(group.pk))
    arena_revision_bump(arena_id=arena.pk)
    return measure, True


@transaction.atomic
def measure_submit(*, measure, editor):
    """Draft → submitted. The group can still edit afterwards while editing is open."""
    current = Measure.objects.select_for_update().get(pk=measure.pk)
    if not current.arena.accepts_edits:
        raise EditingClosed
    if current.status == Measure.Status.DRAFT:
        current.status = Measure.Status.SUBMITTED
        current.submitted_at = timezone.now()
        # A revision like any other change: the open editors' feed and the history show it.
        editor_core.record(
            current, editor, op=None, kind="status", name="status", value=current.status
        )
    return current


@transaction.atomic
def comment_add(*, measure, participant, text, key=None):
    """Add a comment. `key` (from the form) makes it idempotent: the same key again, even
    posted 20 times at once, gives the one comment back (the unique key decides the race)."""
    defaults = {
        "measure": measure,
        "participant": participant,
        "author_name": participant.display_name,
        "text": clean_text(text),
    }
    if key is None:
        comment, created = Comment.objects.create(**defaults), True
    else:
        comment, created = Comment.objects.get_or_create(creation_key=key, defaults=defaults)
    if created:
        arena_revision_bump(arena_id=measure.arena_id)
    return comment


@transaction.atomic
def comment_hide(*, comment, hidden=True):
    comment.hidden = hidden
    comment.save(update_fields=["hidden"])
    arena_revision_bump(arena_id=comment.measure.arena_id)
    return comment


@transaction.atomic
def commitment_save(*, measure, participant, role_kind, text):
    """ "Vi blir med": one commitment per organisation; saying it again updates it."""
    commitment, _created = Commitment.objects.update_or_create(
        measure=measure,
        organisation=participant.organisation,
        defaults={"participant": participant, "role_kind": role_kind, "text": text},
    )
    arena_revision_bump(arena_id=measure.arena_id)
    return commitment


@transaction.atomic
def commitment_withdraw(*, measure, participant):
    """Take back our organisation's "Vi blir med" (whoever of us said it)."""
    deleted, _rows = Commitment.objects.filter(
        measure=measure, organisation=participant.organisation_id
    ).delete()
    if deleted:
        arena_revision_bump(arena_id=measure.arena_id)
    return bool(deleted)


def voting_open(arena):
    """Dots can be placed and moved only while a prioritisation session is the current one."""
    return (
        arena.is_joinable
        and ProgramSession.objects.filter(
            arena=arena, is_current=True, kind=ProgramSession.Kind.PRIORITISATION
        ).exists()
    )


def dots_used(participant):
    return Vote.objects.filter(participant=participant).aggregate(total=Sum("dots"))["total"] or 0


@transaction.atomic
def vote_change(*, participant, measure, delta):
    """Add (+1) or take back (-1) one dot; never more dots in total than the arena allows."""
    arena = measure.arena
    if not voting_open(arena):
        raise VoteRefused(_("Prioriteringen er ikke åpen nå."))
    if measure.status == Measure.Status.DRAFT and delta > 0:
        raise VoteRefused(_("Bare tiltak som er sendt inn, er med i prioriteringen."))
    # Lock the participant so that two quick taps cannot both take the last dot, then the
    # measure (shared with other voters, exclusive of a merge): a measure merged meanwhile
    # takes no dot, and a merge never misses one placed while it moved the others.
    Participant.objects.select_for_update().get(pk=participant.pk)
    if not Measure.objects.select_for_update(no_key=True).filter(pk=measure.pk).exists():
        raise VoteRefused(_("Tiltaket er slått sammen med et annet. Gi prikken der."))
    vote = Vote.objects.filter(participant=participant, measure=measure).first()
    if delta > 0:
        if dots_used(participant) >= arena.dots_per_participant:
            raise VoteRefused(
                _("Du har brukt alle prikkene dine. Flytt en prikk fra et annet tiltak.")
            )
        if vote is None:
            vote = Vote.objects.create(participant=participant, measure=measure, dots=1)
        else:
            vote.dots += 1
            vote.save(update_fields=["dots", "updated_at"])
    elif vote is not None:
        if vote.dots <= 1:
            vote.delete()
            vote = None
        else:
            vote.dots -= 1
            vote.save(update_fields=["dots", "updated_at"])
    else:
        return None
    arena_revision_bump(arena_id=arena.pk)
    return vote


def room_of(arena):
    """The arena's room state; an arena nobody has changed yet gets the defaults (unsaved)."""
    return Room.objects.filter(arena=arena).first() or Room(arena=arena)


@transaction.atomic
def room_change(*, arena, mode=None, step=0, screen_message=None):
    """Switch what the projector shows, step the gallery to the next (+1) or previous (-1)
    measure, or set the big text. Showing the ranking on the wall reveals it to the phones
    too: once it is on the projector, it is no secret (decision 40)."""
    room, _created = Room.objects.select_for_update().get_or_create(arena=arena)
    if mode is not None:
        room.mode = mode
    if screen_message is not None:
        room.screen_message = screen_message
    if step:
        order = list(
            Measure.objects.filter(arena=arena)
            .taking_part()
            .in_gallery_order()
            .values_list("pk", flat=True)
        )
        if order:
            at = order.index(room.gallery_measure_id) if room.gallery_measure_id in order else -1
            room.gallery_measure_id = order[(at + step) % len(order)] if at >= 0 else order[0]
        room.mode = Room.Mode.GALLERY
    room.save()
    if room.mode == Room.Mode.RANKING and not arena.ranking_revealed:
        arena.ranking_revealed = True
        arena.save(update_fields=["ranking_revealed", "updated_at"])
    arena_revision_bump(arena_id=arena.pk)
    return room


@transaction.atomic
def room_broadcast(*, arena, text):
    """A short message on every participant's phone; an empty text takes it away."""
    room, _created = Room.objects.select_for_update().get_or_create(arena=arena)
    room.phone_message = text
    room.phone_message_at = timezone.now() if text else None
    room.save(update_fields=["phone_message", "phone_message_at"])
    arena_revision_bump(arena_id=arena.pk)
    return room

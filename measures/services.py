"""Writes of the workshop: creating and saving measures without losing anyone's text,
comments, commitments and dots."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.models import ProgramSession
from arena.revisions import arena_revision_bump
from measures.models import (
    M2M_FIELDS,
    Comment,
    Commitment,
    Funding,
    Indicator,
    Measure,
    MeasureActor,
    Vote,
)
from participants.models import Organisation, Participant
from participants.services import organisation_get_or_create


class EditingClosed(Exception):
    """The facilitator has closed editing (or the arena); nothing was saved."""


class VoteRefused(Exception):
    pass


def canonical(name, value):
    """One string per field value, so that what a browser saw can be compared with the database:
    ids sorted for many-to-many, line endings and outer spaces ignored for text."""
    if name in M2M_FIELDS:
        return ",".join(sorted(str(getattr(item, "pk", item)) for item in value or ()))
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").strip()


def field_value(measure, name):
    if name in M2M_FIELDS:
        return canonical(name, getattr(measure, name).all())
    return canonical(name, getattr(measure, name))


@dataclass
class Conflict:
    field: str
    mine: str
    theirs: str
    by: Participant | None


@dataclass
class SaveResult:
    version: int
    saved: list = field(default_factory=list)
    conflicts: dict = field(default_factory=dict)


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
    arena_revision_bump(arena_id=arena.pk)
    return measure, True


@transaction.atomic
def measure_update(*, measure, values, bases, based_on_version, editor):
    """Save the fields in `values` (cleaned form values) that nobody else changed meanwhile.

    A field is saved when it still holds the value the browser started from (`bases[name]`,
    canonical; without a base: when the measure is still at `based_on_version`): if someone else
    changed other fields meanwhile, both changes are kept. When someone else changed this very
    field, it is left alone and reported as a conflict with both texts, so that the person can
    choose. Every accepted save bumps the version and leaves a history row."""
    current = Measure.objects.select_for_update().get(pk=measure.pk)
    if not current.arena.accepts_edits:
        raise EditingClosed
    result = SaveResult(version=current.version)
    accepted = {}
    for name, value in values.items():
        now, mine = field_value(current, name), canonical(name, value)
        if mine == now:
            continue
        base = bases.get(name)
        if base == now or (base is None and based_on_version == current.version):
            accepted[name] = value
            continue
        by = _changed_by(current, name, now)
        if by is not None and by.pk == editor.pk:
            # One's own earlier save (a reload, a second tab, a save still in flight) is no
            # conflict: the person has only moved on from their own text.
            accepted[name] = value
        else:
            result.conflicts[name] = Conflict(field=name, mine=mine, theirs=now, by=by)
    if accepted:
        for name, value in accepted.items():
            if name in M2M_FIELDS:
                getattr(current, name).set(value)  # before save(): the history row copies it
            elif isinstance(value, str):
                setattr(current, name, value.replace("\r\n", "\n").strip())
            else:
                setattr(current, name, value)
        _bump(current, editor)
        result.saved = list(accepted)
        result.version = current.version
    return result


def _bump(measure, editor):
    measure.version += 1
    measure.last_edited_by = editor
    measure.save()
    measure.authors.add(editor)
    arena_revision_bump(arena_id=measure.arena_id)


def _changed_by(measure, name, value):
    """Who put `value` into the field: the author of the oldest of the latest history rows that
    still hold it."""
    if name in M2M_FIELDS:
        return measure.last_edited_by
    by_id = measure.last_edited_by_id
    records = measure.history.order_by("-history_id").values(name, "last_edited_by")[:30]
    for record in records:
        if canonical(name, record[name]) != value:
            break
        by_id = record["last_edited_by"]
    return Participant.objects.filter(pk=by_id).first()


@dataclass
class RowsResult:
    written: int = 0
    # (position in `rows`, {field: the value someone else saved}) for fields left unsaved so
    # as not to overwrite another person's change to the same field of the same row.
    clashes: list = field(default_factory=list)


ROW_MODELS = {"actors": MeasureActor, "indicators": Indicator, "fundings": Funding}
# Values that help write a row but are not one of its fields to compare or copy.
_ROW_HELPERS = ("organisation", "new_kind")


def _row_now(row, name):
    """The row's value of `name` as it stands in the database, as the editor shows it."""
    if name == "organisation_name":
        return row.organisation.name
    if name == "financier":
        return str(row)
    return getattr(row, name)


def _row_clashes(row, change):
    """{field: value now} for the fields this person changed that someone else changed too
    since the page was shown: saving them would silently overwrite the other text."""
    clashes = {}
    for name in change["changed"]:
        if name in _ROW_HELPERS:
            continue
        now = _row_now(row, name)
        shown = change["shown"].get(name)
        if (now if now is not None else "") != (shown if shown is not None else ""):
            clashes[name] = now
    return clashes


def _row_apply(row, values, names):
    """Copy `names` from `values` onto the row; an actor's organisation is the registry entry
    of that name, created with the kind the person chose if it is new."""
    for name in names:
        if name in _ROW_HELPERS:
            continue
        if name == "organisation_name":
            row.organisation = values.get("organisation") or organisation_get_or_create(
                name=values["organisation_name"], kind=values.get("new_kind") or ""
            )
        elif name == "financier":
            financier = " ".join(values["financier"].split())
            row.organisation = Organisation.objects.filter(name__iexact=financier).first()
            row.source = "" if row.organisation else financier
        else:
            setattr(row, name, values[name])


@transaction.atomic
def measure_rows_save(*, measure, kind, rows, editor):
    """Save the rows of one kind ("actors", "indicators", "fundings") that this person changed:
    new rows, removed rows, and for existing rows only the fields this person changed (others'
    changes to a row survive). Each row is a dict of plain values: `pk` (None for a new row),
    `delete`, `values` (field → cleaned value), `changed` (the fields this person changed),
    `shown` (field → the value the page showed) and `order` (for a new row); the editor's
    forms make them with `measures.forms_rows.changed_rows`.

    A field that this person changed and someone else changed too since the page was shown is
    not saved; it comes back in `clashes` so that the person sees both texts and chooses.
    A clash the database refuses (the same actor twice, two leads) is raised as ValueError with
    a message for the person."""

    current = Measure.objects.select_for_update().get(pk=measure.pk)
    if not current.arena.accepts_edits:
        raise EditingClosed
    model = ROW_MODELS[kind]
    result = RowsResult()
    for position, change in enumerate(rows):
        row = model.objects.filter(pk=change["pk"], measure=current).first()
        if change["delete"]:
            if row is not None:
                row.delete()
                result.written += 1
            continue
        is_new = row is None  # a new row, or one someone else removed meanwhile: keep the text
        clashes = {} if is_new else _row_clashes(row, change)
        if clashes:
            result.clashes.append((position, clashes))
            if set(clashes) == set(change["changed"]):
                continue
        row = row or model(measure=current, order=change["order"])
        names = change["values"] if is_new else change["changed"]
        _row_apply(row, change["values"], [n for n in names if n not in clashes])
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError as error:
            raise ValueError(
                _("Raden kolliderer med en endring noen andre nettopp gjorde.")
            ) from error
        result.written += 1
    if result.written:
        _bump(current, editor)
    return result


@transaction.atomic
def measure_submit(*, measure, editor):
    """Draft → submitted. The group can still edit afterwards while editing is open."""
    current = Measure.objects.select_for_update().get(pk=measure.pk)
    if not current.arena.accepts_edits:
        raise EditingClosed
    if current.status == Measure.Status.DRAFT:
        current.status = Measure.Status.SUBMITTED
        current.submitted_at = timezone.now()
        _bump(current, editor)
    return current


@transaction.atomic
def comment_add(*, measure, participant, text):
    comment = Comment.objects.create(
        measure=measure, participant=participant, author_name=participant.display_name, text=text
    )
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
    # Lock the participant so that two quick taps cannot both take the last dot.
    Participant.objects.select_for_update().get(pk=participant.pk)
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

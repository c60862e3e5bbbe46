"""Writes of the workshop: creating and saving measures without losing anyone's text,
comments, commitments and dots."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.models import ProgramSession
from measures import editor_core
from measures.forms import M2M_FIELDS
from measures.models import Comment, Commitment, Measure, Vote
from participants.models import Participant


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
    # (form, {field: the value someone else saved}) for fields left unsaved so as not to
    # overwrite another person's change to the same field of the same row.
    clashes: list = field(default_factory=list)


@transaction.atomic
def measure_rows_save(*, measure, formset, editor):
    """Save a valid formset of actor, indicator or funding rows: new rows, removed rows, and for
    existing rows only the fields this person changed (others' changes to a row survive).

    A field that this person changed and someone else changed too since the page was shown is
    not saved; it comes back in `clashes` so that the person sees both texts and chooses.
    A clash the database refuses (the same actor twice, two leads) is raised as ValueError with
    a message for the person."""

    current = Measure.objects.select_for_update().get(pk=measure.pk)
    if not current.arena.accepts_edits:
        raise EditingClosed
    model = formset.model
    result = RowsResult()
    for form in formset.forms:
        if not form.has_changed():
            continue
        row = model.objects.filter(pk=form.instance.pk, measure=current).first()
        if form.cleaned_data.get("DELETE"):
            if row is not None:
                row.delete()
                result.written += 1
            continue
        is_new = row is None  # a new row, or one someone else removed meanwhile: keep the text
        clashes = {} if is_new else form.changed_by_others(row)
        if clashes:
            result.clashes.append((form, clashes))
            if set(clashes) == set(form.changed_data):
                continue
        row = row or model(measure=current, order=len(formset.forms))
        form.apply(row, is_new=is_new, skip=clashes)
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
        # A revision like any other change: the open editors' feed and the history show it.
        editor_core.record(
            current, editor, op=None, kind="status", name="status", value=current.status
        )
    return current


def comment_add(*, measure, participant, text):
    return Comment.objects.create(
        measure=measure, participant=participant, author_name=participant.display_name, text=text
    )


def comment_hide(*, comment, hidden=True):
    comment.hidden = hidden
    comment.save(update_fields=["hidden"])
    return comment


def commitment_save(*, measure, participant, role_kind, text):
    """ "Vi blir med": one commitment per organisation; saying it again updates it."""
    commitment, _created = Commitment.objects.update_or_create(
        measure=measure,
        organisation=participant.organisation,
        defaults={"participant": participant, "role_kind": role_kind, "text": text},
    )
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
            return Vote.objects.create(participant=participant, measure=measure, dots=1)
        vote.dots += 1
        vote.save(update_fields=["dots", "updated_at"])
    elif vote is not None:
        if vote.dots <= 1:
            vote.delete()
            return None
        vote.dots -= 1
        vote.save(update_fields=["dots", "updated_at"])
    return vote

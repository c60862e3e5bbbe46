"""Writes of the shared measure editor: several people at one table change one measure at
once, and nobody's words are lost (decision 15).

A save carries the text it was typed on (`base`), the new text (`value`) and the browser's op
id. Under the measure's row lock, a text field merges base → value into what is committed now
(`measures.merge`, word level); another field is taken only if it still holds `base`; ticks are
set operations. An accepted change gets the next revision and one `MeasureChange` row (who,
which field, when), and reaches the other editors through `measures.editor_feed`.

Every outcome a person must see is a result, never an exception: "saved", "overlap" (both
versions are handed back, nothing of mine was written), "invalid" (a message for the field) and
"refused" (editing is closed). Rows (actors, indicators, funding) are in `editor_rows`.
"""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _

from measures.editor_core import (
    INVALID,
    OVERLAP,
    REFUSED,
    SAVED,
    FieldResult,
    done,
    held,
    lock,
    locked,
    recent,
    record,
    refused,
    replay,
    saved,
    text,
)
from measures.editor_feed import Feed, feed_read, group_stamp, presence_touch
from measures.editor_rows import (
    ROW_KINDS,
    RowEdit,
    lead_choose,
    leads_count,
    row_create,
    row_delete,
    row_edits_from_formset,
    row_save,
)
from measures.forms import MeasureForm
from measures.merge import merge
from measures.models import M2M_FIELDS, Measure, MeasureChange

__all__ = [
    "FIELDS",
    "INVALID",
    "OVERLAP",
    "REFUSED",
    "ROW_KINDS",
    "SAVED",
    "TICK_FIELDS",
    "Feed",
    "FieldResult",
    "RowEdit",
    "StepResult",
    "feed_read",
    "cannot_save",
    "field_save",
    "field_shown",
    "held",
    "locked",
    "group_stamp",
    "lead_choose",
    "leads_count",
    "presence_touch",
    "row_create",
    "row_delete",
    "row_edits_from_formset",
    "row_save",
    "step_save",
    "tick_delta",
    "ticks_change",
]

TICK_FIELDS = M2M_FIELDS
# Free text: merged word by word. The other fields (a year, a choice) are one value each.
TEXT_FIELDS = (
    "title",
    "description",
    "way_of_working",
    "arenas_to_develop",
    "arenas_to_discontinue",
    "goal",
)
# The measure's own fields that `field_save` takes (the ticks go through `ticks_change`).
FIELDS = tuple(n for n in MeasureForm._meta.fields if n not in TICK_FIELDS)


def field_shown(measure, name):
    """A field's value as the browser shows it and sends it back as `base`: the text, the
    year as digits, the choice's code, or the ticked ids (a sorted list)."""
    if name in TICK_FIELDS:
        return sorted(getattr(measure, name).values_list("pk", flat=True))
    return text(getattr(measure, name))


# The step form's own fields for the free texts: cleaning one (strip, required title, length)
# needs no form around it, which costs more than the rest of an autosave's Python together.
_TEXT_FORM_FIELDS = {name: MeasureForm.base_fields[name] for name in TEXT_FIELDS}


def _clean(current, name, value):
    """The value as the step's form field cleans it (required title, sensible year, a known
    choice); raises ValidationError with the form's own messages."""
    if name in _TEXT_FORM_FIELDS:  # a Field's clean() keeps no state: shared by every request
        return _TEXT_FORM_FIELDS[name].clean(value)
    form = MeasureForm(
        {name: value}, instance=Measure(arena=current.arena), arena=current.arena, only=[name]
    )
    if not form.is_valid():
        raise ValidationError(form.errors[name])
    return form.cleaned_data[name]


def _check(current, name, value):
    """The rules that span fields or the column's size, against what is committed now."""
    start = value if name == "start_year" else current.start_year
    end = value if name == "end_year" else current.end_year
    if start and end and end < start:
        if name == "end_year":
            message = _("Sluttåret kan ikke være før startåret (%(start)s).")
        else:
            message = _("Startåret kan ikke være etter sluttåret (%(end)s).")
        raise ValidationError(message, code="end_before_start", params={"start": start, "end": end})
    limit = Measure._meta.get_field(name).max_length
    if limit and isinstance(value, str) and len(value) > limit:
        raise ValidationError(
            _("Teksten er for lang sammen med det andre har skrevet: høyst %(limit)s tegn."),
            code="too_long",
            params={"limit": limit},
        )


def _invalid(current, name, error):
    return FieldResult(
        INVALID, name, field_shown(current, name), current.version, message=" ".join(error.messages)
    )


def _cannot_save(current, name):
    # A rule of the database we did not foresee: a sentence for the person, never a 500.
    return FieldResult(
        INVALID,
        name,
        field_shown(current, name),
        current.version,
        message=_("Dette kunne ikke lagres slik. Sjekk feltet og prøv igjen."),
    )


def field_save(*, measure, name, base, value, op, editor):
    """Save one of the measure's own fields (`FIELDS`) from what the browser sends: `base`
    (what the change was typed on) and `value`, both as shown (strings).

    No savepoint of its own (decision 55): inside a caller's transaction (the autosave's view,
    which read the measure locked; a step) a rule of the database we did not foresee spoils
    that transaction, and the caller answers with `cannot_save` once it has rolled back."""
    try:
        with transaction.atomic(savepoint=False):
            return _field_save(measure, name, base, value, op, editor)
    except (IntegrityError, DataError):
        if transaction.get_connection().in_atomic_block:
            raise
        return cannot_save(measure, name)


def cannot_save(measure, name):
    """The answer to a save the database refused (after the rollback): what is saved now."""
    return _cannot_save(Measure.everything.get(pk=getattr(measure, "pk", measure)), name)


def _field_save(measure, name, base, value, op, editor):
    current = lock(measure)
    if not current.arena.accepts_edits:
        return refused(current, name, field_shown(current, name))
    change, last = recent(current, op)
    if change is not None:  # a resent save: answer what it did, write nothing
        return replay(change, name, field_shown(current, name))
    base, value = text(base), text(value)  # cleaned, whoever calls
    theirs = field_shown(current, name)
    if value == base:  # untouched (a viewer pressing "Neste"): nothing to do
        return FieldResult(SAVED, name, theirs, current.version)
    try:
        cleaned = _clean(current, name, value)
        if name in TEXT_FIELDS:
            merged = merge(base, text(cleaned), theirs)
            if not merged.clean:
                return FieldResult(
                    OVERLAP,
                    name,
                    theirs,
                    current.version,
                    message=_("Du og en annen endret samme sted. Begge versjonene vises."),
                    overlaps=[{"field": name, **vars(h)} for h in merged.overlaps],
                )
            cleaned = merged.text
        elif theirs != base and theirs != text(cleaned):
            return FieldResult(
                OVERLAP,
                name,
                theirs,
                current.version,
                message=_("Noen andre valgte noe annet her. Velg hva som skal gjelde."),
                overlaps=[{"field": name, "base": base, "mine": text(cleaned), "theirs": theirs}],
            )
        if text(cleaned) == theirs:  # the same change is already there
            return FieldResult(SAVED, name, theirs, current.version)
        _check(current, name, cleaned)
    except ValidationError as error:  # nothing was changed yet: `current` is what is saved
        return _invalid(current, name, error)
    setattr(current, name, cleaned)
    # A card shows the title and whether each answer is there: only those change it.
    card = name == "title" or bool(theirs) != bool(text(cleaned))
    change = record(
        current, editor, op=op, kind="field", name=name, value=text(cleaned), card=card, last=last
    )
    return saved(change, name, text(cleaned))


def tick_delta(posted, shown):
    """(add, remove) from a plain form: what is ticked now minus what was shown, and back."""
    posted, shown = {str(p) for p in posted}, {str(p) for p in shown if str(p)}
    return sorted(posted - shown), sorted(shown - posted)


@transaction.atomic(savepoint=False)  # as field_save: the caller's transaction, if there is one
def ticks_change(*, measure, name, add, remove, op, editor):
    """Tick (`add`) and untick (`remove`) ids of one many-to-many field (`TICK_FIELDS`).
    Set operations: a stale screen never unticks what someone else ticked."""
    current = lock(measure)
    if not current.arena.accepts_edits:
        return refused(current, name, field_shown(current, name))
    change = done(current, op)
    if change is not None:
        return replay(change, name, field_shown(current, name))
    choices = MeasureForm(arena=current.arena, only=[name]).fields[name].queryset
    try:
        add = {int(pk) for pk in add}
        remove = {int(pk) for pk in remove}
    except (TypeError, ValueError):
        return _cannot_save(current, name)
    known = set(choices.filter(pk__in=add | remove).values_list("pk", flat=True))
    if (add | remove) - known:
        return FieldResult(
            INVALID,
            name,
            field_shown(current, name),
            current.version,
            message=_("Et av valgene finnes ikke lenger. Last siden på nytt."),
        )
    now = set(field_shown(current, name))
    after = (now | add) - remove
    if after == now:
        return FieldResult(SAVED, name, sorted(now), current.version)
    getattr(current, name).set(after)  # before save(): the history row copies the set
    change = record(
        current, editor, op=op, kind="ticks", name=name, value=sorted(after), card=False
    )
    return saved(change, name, sorted(after))


@dataclass
class StepResult:
    """A plain (no-JavaScript) step save: one result per field and per row edit."""

    fields: dict = field(default_factory=dict)  # {name: FieldResult}
    rows: list = field(default_factory=list)  # [FieldResult], in the order of `rows`
    rolled_back: bool = False

    @property
    def results(self):
        return [*self.fields.values(), *self.rows]

    @property
    def ok(self):
        return all(r.ok for r in self.results)

    @property
    def invalid(self):
        return any(r.status in (INVALID, REFUSED) for r in self.results)


class _Rollback(Exception):
    pass


def _op(step_op, what):
    """One op per field or row of a step post, derived from the form's op, so that a resent
    post (a double tap, the back button) applies nothing twice."""
    return uuid.uuid5(step_op, what) if step_op else uuid.uuid4()


def step_save(*, measure, op, edits, ticks, rows, editor):
    """Save a whole step in ONE transaction: `edits` {name: (base, value)}, `ticks`
    {name: (add, remove)}, `rows` [RowEdit]. Untouched fields (value == base) are not written.

    If anything is invalid or refused, nothing of the step is written (the page shows the
    person's input with the messages). Overlaps are not errors: the rest is saved, and the
    overlapping field keeps the saved text while the person's version is handed back."""
    result = StepResult()
    try:
        with transaction.atomic():
            for name, (base, value) in edits.items():
                result.fields[name] = _step_field(
                    measure=measure, name=name, base=base, value=value,
                    op=_op(op, f"field:{name}"), editor=editor,
                )  # fmt: skip
            for name, (add, remove) in ticks.items():
                if add or remove:
                    result.fields[name] = ticks_change(
                        measure=measure, name=name, add=add, remove=remove,
                        op=_op(op, f"ticks:{name}"), editor=editor,
                    )  # fmt: skip
            for index, edit in enumerate(rows):
                result.rows.append(_row_edit(measure, edit, _op(op, f"row:{index}"), editor))
            if result.invalid:
                raise _Rollback
    except _Rollback:
        result.rolled_back = True
    return result


def _step_field(*, measure, name, **save):
    """One field of a step, in a savepoint: a save the database refuses leaves the step's
    transaction usable, so the step can say so at the field (and then roll back)."""
    try:
        with transaction.atomic():
            return field_save(measure=measure, name=name, **save)
    except (IntegrityError, DataError):
        return cannot_save(measure, name)


def _row_edit(measure, edit, op, editor):
    if edit.delete:
        if edit.row_id is None:
            return FieldResult(SAVED, edit.kind)
        return row_delete(measure=measure, kind=edit.kind, row_id=edit.row_id, op=op, editor=editor)
    if edit.row_id is None:
        return row_create(
            measure=measure, kind=edit.kind, key=edit.key or op, values=edit.values, editor=editor
        )
    return row_save(
        measure=measure, kind=edit.kind, row_id=edit.row_id, values=edit.values,
        bases=edit.bases, op=op, editor=editor,
    )  # fmt: skip


def history(measure, *, limit=None):
    """Who changed what when, newest first: exactly the accepted changes."""
    changes = MeasureChange.objects.filter(measure=measure).order_by("-revision")
    return changes[:limit] if limit else changes

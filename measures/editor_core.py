"""What every write of the shared editor does: lock the measure, answer a resent op from its
record, give the change the next revision and record it (`MeasureChange`), and publish it to
the changes feed once the transaction has committed.

The services themselves are in `measures.editor` (fields, ticks, a whole step) and
`measures.editor_rows` (actors, indicators, funding)."""

import datetime
import uuid
from dataclasses import asdict, dataclass
from dataclasses import field as dc_field

from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from arena.revisions import arena_revision_bump
from arena.text import clean_text
from measures import editor_feed
from measures.models import Measure, MeasureChange

SAVED, OVERLAP, INVALID, REFUSED = "saved", "overlap", "invalid", "refused"


@dataclass
class FieldResult:
    """What became of one save; the JSON answer of every editor write is `as_json()`.

    `value` is what the field (or row) holds now, whatever the status: the text, the ticked
    ids, or the row's values. `overlaps` lists, for status "overlap", each contested stretch
    as {"field", "base", "mine", "theirs"}; nothing of "mine" was saved then."""

    status: str
    field: str = ""
    value: object = None
    rev: int = 0
    at: datetime.datetime | None = None
    by: str = ""
    message: str = ""
    overlaps: list = dc_field(default_factory=list)
    errors: dict = dc_field(default_factory=dict)  # rows: {form field: [messages]}
    row: dict | None = None  # rows: {"id", "kind", "values", "deleted"}
    leads: int | None = None  # actors: how many rows are "Ansvarlig/eier" now
    written: bool = False  # False for an untouched field, a resent op, a refused save

    @property
    def ok(self):
        return self.status == SAVED

    def as_json(self):
        data = asdict(self)
        data["at"] = time_format(timezone.localtime(self.at), "H:i") if self.at else ""
        return data


def text(value):
    """One string per value, as a browser sends and shows it: outer spaces and CR ignored, and
    nothing an export could not write (`clean_text`, also when a service is called directly)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return clean_text(str(value).replace("\r\n", "\n")).strip()


def lock(measure):
    """The measure, fresh and locked until the transaction ends (IMMEDIATE on SQLite): no two
    writes of one measure interleave, on whichever worker or server they run."""
    return (
        Measure.objects.select_for_update(of=("self",))
        .select_related("arena")
        .get(pk=getattr(measure, "pk", measure))
    )


def refused(current, name, value):
    return FieldResult(
        REFUSED,
        name,
        value,
        current.version,
        message=_("Redigeringen er stengt. Teksten din er ikke lagret."),
    )


def done(current, op):
    """The change a resent op already made, or None."""
    return MeasureChange.objects.filter(measure=current, op=op).first() if op else None


def replay(change, name, value):
    """The answer to a resent op: what it did then, with what the field holds now."""
    return FieldResult(SAVED, name, value, change.revision, change.at, change.by_name)


# The history keeps one row per person per field per this many seconds (a fixed period of the
# clock): storage grows with what people mean, not with their keystrokes (decision 32).
COALESCE_SECONDS = 5 * 60


def _period(at):
    return int(at.timestamp()) // COALESCE_SECONDS


def _foldable(current, editor, *, kind, name, now):
    """The change this save may be folded into, or None: the measure's latest change, when it
    is this person's, to the same text field, in the same period. Only free-text saves fold:
    ticks and rows are a few deliberate changes, and each keeps its row."""
    if kind != MeasureChange.Kind.FIELD:
        return None
    last = MeasureChange.objects.filter(measure=current, revision=current.version).first()
    if (
        last is not None
        and last.kind == kind
        and last.name == name
        and last.by_id == editor.pk
        and _period(last.at) == _period(now)
    ):
        return last
    return None


def _history_of(current, change):
    """The measure's history row that `change` wrote, if it is still the latest one: the
    same time stamp to the microsecond (record() gives both the one `now`). A save by someone
    else in between (the project lead's contact, say) wrote a newer row: then None."""
    latest = current.history.order_by("-history_id").first()  # the last written
    if latest is not None and latest.history_date == change.at and latest.history_type == "~":
        return latest
    return None


def _measure_save(current, history, now):
    """Save the measure with a new history row stamped `now`, or, folding, update `history`
    (its latest row) to what the measure holds now."""
    current._history_date = now  # django-simple-history's stamp: the change's own `at`
    if history is None:
        current.save()
        return
    current.skip_history_when_saving = True  # skipped whenever it exists, whatever its value
    try:
        current.save()
    finally:
        del current.skip_history_when_saving
    for field in Measure._meta.concrete_fields:
        setattr(history, field.attname, getattr(current, field.attname))
    history.history_date = now
    history.save()


def record(current, editor, *, op, kind, name, value, row_id=None, leads=None, card=True):
    """Bump the revision, log the change, and publish it once the commit is done. `card`:
    the change may alter the measure's card (False for what a card does not show).

    A text save by the person who made the measure's latest change, to the same field in the
    same period (`COALESCE_SECONDS`), updates that change and its history row instead of
    adding two more: the revision still moves on (the feed and the ETags see every save),
    but the history keeps the field's text as it was at the end of the period."""
    now = timezone.now()
    folded = _foldable(current, editor, kind=kind, name=name, now=now)
    current.version += 1
    current.last_edited_by = editor
    _measure_save(current, _history_of(current, folded) if folded else None, now)
    current.authors.add(editor)
    if folded is not None:
        folded.revision, folded.value, folded.at = current.version, value, now
        folded.op = op or uuid.uuid4()
        folded.save(update_fields=["revision", "value", "at", "op"])
        change = folded
    else:
        change = MeasureChange.objects.create(
            measure=current,
            revision=current.version,
            kind=kind,
            name=name,
            row_id=row_id,
            value=value,
            by=editor,
            by_name=editor.display_name,
            at=now,
            op=op or uuid.uuid4(),
        )
    entry = editor_feed.entry(change, leads=leads)
    measure_pk, group_id = current.pk, current.group_id
    transaction.on_commit(lambda: editor_feed.publish(measure_pk, group_id, entry, card=card))
    # Last, so the arena row (the live screens' revision) stays locked for as short as possible.
    arena_revision_bump(arena_id=current.arena_id)
    return change


def saved(change, name, value, **extra):
    return FieldResult(
        SAVED, name, value, change.revision, change.at, change.by_name, written=True, **extra
    )

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


def record(current, editor, *, op, kind, name, value, row_id=None, leads=None):
    """Bump the revision, log the change, and publish it once the commit is done."""
    current.version += 1
    current.last_edited_by = editor
    current.save()
    current.authors.add(editor)
    change = MeasureChange.objects.create(
        measure=current,
        revision=current.version,
        kind=kind,
        name=name,
        row_id=row_id,
        value=value,
        by=editor,
        by_name=editor.display_name,
        at=timezone.now(),
        op=op or uuid.uuid4(),
    )
    entry = editor_feed.entry(change, leads=leads)
    measure_pk, group_id = current.pk, current.group_id
    transaction.on_commit(lambda: editor_feed.publish(measure_pk, group_id, entry))
    # Last, so the arena row (the live screens' revision) stays locked for as short as possible.
    arena_revision_bump(arena_id=current.arena_id)
    return change


def saved(change, name, value, **extra):
    return FieldResult(
        SAVED, name, value, change.revision, change.at, change.by_name, written=True, **extra
    )

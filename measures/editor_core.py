"""What every write of the shared editor does: lock the measure, answer a resent op from its
record, give the change the next revision and record it (`MeasureChange`), and publish it to
the changes feed once the transaction has committed.

The services themselves are in `measures.editor` (fields, ticks, a whole step) and
`measures.editor_rows` (actors, indicators, funding)."""

import datetime
import uuid
from dataclasses import asdict, dataclass
from dataclasses import field as dc_field

from django.db import connection, transaction
from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

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
    writes of one measure interleave, on whichever worker or server they run.

    A measure the caller already read with `locked()` in this transaction is used as it is:
    the autosave's view reads it once, locked, to check who may change it (decision 55)."""
    if _holds(measure):
        return measure
    current = (
        Measure.objects.select_for_update(of=("self",))
        .select_related("arena")
        .get(pk=getattr(measure, "pk", measure))
    )
    return held(current)


def locked():
    """The measures, to be read under their row lock (inside a transaction); mark what is
    read with `held`, and `lock` takes it as it is."""
    return Measure.objects.select_for_update(of=("self",))


def held(measure):
    """Mark `measure` as read under its lock in the innermost transaction block now open."""
    measure._locked_in = connection.atomic_blocks[-1]
    return measure


def _holds(measure):
    block = getattr(measure, "_locked_in", None)
    return block is not None and any(b is block for b in connection.atomic_blocks)


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


def recent(current, op):
    """(the change a resent `op` already made, the measure's latest change), each or None,
    in one query: a text save asks both (the second is what it may fold into)."""
    wanted = Q(revision=current.version) | (Q(op=op) if op else Q(pk__in=[]))
    change = last = None
    for row in MeasureChange.objects.filter(Q(measure=current) & wanted):
        if op and row.op == op:
            change = row
        if row.revision == current.version:
            last = row
    return change, last


def replay(change, name, value):
    """The answer to a resent op: what it did then, with what the field holds now."""
    return FieldResult(SAVED, name, value, change.revision, change.at, change.by_name)


# The history keeps one row per person per field per this many seconds (a fixed period of the
# clock): storage grows with what people mean, not with their keystrokes (decision 32).
COALESCE_SECONDS = 5 * 60


def _period(at):
    return int(at.timestamp()) // COALESCE_SECONDS


_UNREAD = object()


def _foldable(current, editor, *, kind, name, now, last=_UNREAD):
    """The change this save may be folded into, or None: the measure's latest change (`last`,
    if the caller has read it), when it is this person's, to the same text field, in the same
    period. Only free-text saves fold: ticks and rows are a few deliberate changes, and each
    keeps its row."""
    if kind != MeasureChange.Kind.FIELD:
        return None
    if last is _UNREAD:
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


def _history_user():
    """Whom django-simple-history would name on the row: the signed-in user of the request
    (`HistoryRequestMiddleware`), never a participant (they have no account)."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _measure_write(current, *, name, kind, now, folded):
    """Write the measure's changed columns and its history, in as few statements as the
    change needs (decision 55): an UPDATE of the field, the version, who and when; then the
    history row, updated in place when the save folds into the change that wrote it (the
    measure's latest history row, stamped with that change's `at`), else a new one. Neither
    copies the ticks (only ticks_change and the staff's saves change them, and their rows copy
    them; the ticks' own history is their `MeasureChange` rows). For a text field (`kind`
    "field") or a row ("row"): the row's own history is its model's."""
    columns = ["version", "last_edited_by", "updated_at", *([name] if kind == "field" else [])]
    current.updated_at = now
    Measure._base_manager.filter(pk=current.pk).update(
        **{column: getattr(current, column) for column in columns}
    )
    history = Measure.history.model.objects
    if folded is not None:
        # The folded row is the measure's latest, written by this person's last save of this
        # field, and no change came between: only what this save wrote differs.
        written = {Measure._meta.get_field(c).attname: getattr(current, c) for c in columns}
        latest = history.filter(id=current.pk).order_by("-history_id").values("history_id")[:1]
        if history.filter(
            history_id=Subquery(latest), history_date=folded.at, history_type="~"
        ).update(history_date=now, **written):
            return
    values = {f.attname: getattr(current, f.attname) for f in Measure._meta.concrete_fields}
    history.create(
        history_date=now,
        history_type="~",
        history_user=_history_user(),
        history_change_reason=f"{kind}:{name}",
        **values,
    )


def _measure_save(current, now):
    """The full save (ticks, a status): django-simple-history writes a history row that
    copies the ticks."""
    current._history_date = now  # django-simple-history's stamp: the change's own `at`
    current.save()


def record(
    current, editor, *, op, kind, name, value, row_id=None, leads=None, card=True, last=_UNREAD
):
    """Bump the revision, log the change, and publish it once the commit is done. `card`:
    the change may alter the measure's card (False for what a card does not show). `last`:
    the measure's latest change, if the caller has read it (`recent`).

    A text save by the person who made the measure's latest change, to the same field in the
    same period (`COALESCE_SECONDS`), updates that change and its history row instead of
    adding two more: the revision still moves on (the feed and the ETags see every save),
    but the history keeps the field's text as it was at the end of the period."""
    now = timezone.now()
    folded = _foldable(current, editor, kind=kind, name=name, now=now, last=last)
    current.version += 1
    current.last_edited_by = editor
    if kind in (MeasureChange.Kind.FIELD, MeasureChange.Kind.ROW):
        _measure_write(current, name=name, kind=kind, now=now, folded=folded)
    else:  # ticks and a status: the full save, whose history row copies the ticks
        _measure_save(current, now)
    if folded is not None:
        # The folded change was this person's, so its own save made them an author already.
        folded.revision, folded.value, folded.at = current.version, value, now
        folded.op = op or uuid.uuid4()
        folded.save(update_fields=["revision", "value", "at", "op"])
        change = folded
    else:
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

"""Rows of the shared editor (actors, indicators, funding) as items: each is created, saved
and removed on its own, under the measure's lock, and merged like the measure's fields.

A new row carries the browser's key (`creation_key`), so a resent "add" creates one row. Two
people adding the same organisation get the one row back, with who added it. Two leads may
exist for a moment (two people choosing at once); the editor then says so at the field and
`lead_choose` fixes it in one tap. Row values travel as the row form's fields, as strings."""

import uuid
from dataclasses import dataclass, field

from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _

from measures.editor_core import (
    INVALID,
    OVERLAP,
    SAVED,
    FieldResult,
    done,
    lock,
    record,
    refused,
    replay,
    saved,
    text,
)
from measures.forms_rows import ActorForm, FundingForm, IndicatorForm
from measures.merge import merge
from measures.models import Funding, Indicator, MeasureActor, MeasureChange
from measures.models.rows import MAX_ROWS
from participants.models import Organisation
from participants.services import organisation_get_or_create

ROW_KINDS = {
    "actors": (
        MeasureActor,
        ActorForm,
        ("organisation_name", "new_kind", "role_kind", "role_text"),
    ),
    "indicators": (Indicator, IndicatorForm, ("indicator", "target", "due")),
    "fundings": (Funding, FundingForm, ("financier", "kind", "status", "amount")),
}
# Free text in a row merges word by word; a name, a choice, a date or an amount is one value.
ROW_TEXT_FIELDS = {"role_text", "indicator", "target"}
LEAD = MeasureActor.Role.LEAD


def row_values(kind, row):
    """A row as its form shows it (strings), as the feed and every answer send it."""
    if kind == "actors":
        return {
            "organisation_name": row.organisation.name,
            "new_kind": "",
            "role_kind": row.role_kind,
            "role_text": row.role_text,
        }
    if kind == "indicators":
        return {"indicator": row.indicator, "target": row.target, "due": text(row.due)}
    amount = "" if row.amount is None else str(int(row.amount))
    return {"financier": str(row), "kind": row.kind, "status": row.status, "amount": amount}


def _row(kind, row, *, deleted=False, values=None):
    return {
        "id": row.pk,
        "kind": kind,
        "values": values or row_values(kind, row),
        "deleted": deleted,
    }


def leads_count(measure):
    return MeasureActor.objects.filter(measure=measure, role_kind=LEAD).count()


def _leads(kind, current):
    return leads_count(current) if kind == "actors" else None


def _record_row(current, editor, kind, row, *, op, deleted=False, values=None):
    data = _row(kind, row, deleted=deleted, values=values)
    leads = _leads(kind, current)
    change = record(
        current, editor, op=op, kind="row", name=kind, value=data, row_id=data["id"], leads=leads
    )
    return saved(change, kind, data["values"], row=data, leads=leads)


def _validated(current, kind, row, data):
    """The row form, bound to `data` and validated, or an "invalid" result."""
    model, form_class, names = ROW_KINDS[kind]
    form = form_class(data={n: text(data.get(n, "")) for n in names}, instance=row)
    if form.is_valid():
        return form, None
    errors = {n: [str(m) for m in msgs] for n, msgs in form.errors.items()}
    message = " ".join(m for msgs in errors.values() for m in msgs)
    return form, FieldResult(INVALID, kind, data, current.version, message=message, errors=errors)


def _write(current, kind, row, form, editor, op):
    """Apply the valid form to the row and save it; a second row for one organisation gives
    the first one back instead."""
    _apply(row, form.cleaned_data, form.fields, arena=current.arena)
    if kind == "actors":
        twin = (
            MeasureActor.objects.filter(measure=current, organisation=row.organisation)
            .exclude(pk=row.pk)
            .first()
        )
        if twin is not None:
            added = (
                MeasureChange.objects.filter(measure=current, kind="row", row_id=twin.pk)
                .order_by("revision")
                .values_list("by_name", flat=True)
                .first()
            )
            message = (
                _("«%(org)s» er allerede lagt til av %(name)s.")
                if added
                else _("«%(org)s» er allerede lagt til.")
            ) % {"org": twin.organisation.name, "name": added}
            data = _row(kind, twin)
            return FieldResult(
                SAVED, kind, data["values"], current.version, message=message, row=data,
                leads=leads_count(current),
            )  # fmt: skip
    try:
        with transaction.atomic():
            row.save()
            return _record_row(current, editor, kind, row, op=op)
    except (IntegrityError, DataError):
        return FieldResult(
            INVALID,
            kind,
            form.data,
            current.version,
            message=_("Raden kunne ikke lagres slik. Sjekk feltene og prøv igjen."),
        )


def _apply(row, values, names, *, arena):
    """Copy the form's values onto the row; an actor's organisation is the registry entry of
    that name, created with the kind the person chose if it is new."""
    for name in names:
        if name in ("id", "measure", "DELETE", "new_kind"):
            continue
        if name == "organisation_name":
            row.organisation = values.get("organisation") or organisation_get_or_create(
                name=values["organisation_name"],
                kind=values.get("new_kind") or "",
                arena=arena,
            )
        elif name == "financier":
            financier = " ".join(values["financier"].split())
            row.organisation = Organisation.objects.filter(name__iexact=financier).first()
            row.source = "" if row.organisation else financier
        else:
            setattr(row, name, values[name])


@transaction.atomic
def row_create(*, measure, kind, key, values, editor):
    """Add a row from `values` (the row form's fields). `key` (uuid from the browser) makes it
    idempotent: the same key again gives the same row back."""
    model = ROW_KINDS[kind][0]
    current = lock(measure)
    if not current.arena.accepts_edits:
        return refused(current, kind, values)
    existing = model.objects.filter(measure=current, creation_key=key).first()
    if existing is not None:
        data = _row(kind, existing)
        return FieldResult(
            SAVED, kind, data["values"], current.version, row=data, leads=_leads(kind, current)
        )
    order = model.objects.filter(measure=current).count()
    if order >= MAX_ROWS:
        return FieldResult(
            INVALID,
            kind,
            values,
            current.version,
            message=_("Det er ikke plass til flere rader her (høyst %(max)s).") % {"max": MAX_ROWS},
        )
    row = model(measure=current, order=order, creation_key=key)
    form, invalid = _validated(current, kind, row, values)
    if invalid:
        return invalid
    return _write(current, kind, row, form, editor, op=key)


@transaction.atomic
def row_save(*, measure, kind, row_id, values, bases, op, editor):
    """Save the fields of one row that this person changed (`values[f]` != `bases[f]`): free
    text merges into what is saved now; a name, choice, date or amount is taken if nobody
    changed it meanwhile, else it is an overlap and nothing of this save is written."""
    model = ROW_KINDS[kind][0]
    current = lock(measure)
    if not current.arena.accepts_edits:
        return refused(current, kind, values)
    change = done(current, op)
    row = model.objects.filter(measure=current, pk=row_id).first()
    if change is not None:
        data = _row(kind, row) if row else None
        return replay(change, kind, data and data["values"])
    if row is None:
        return FieldResult(
            OVERLAP,
            kind,
            values,
            current.version,
            message=_(
                "Noen fjernet denne raden mens du skrev. Teksten din er ikke lagret – "
                "legg raden til på nytt hvis den skal være med."
            ),
            row={"id": row_id, "kind": kind, "values": values, "deleted": True},
        )
    now = row_values(kind, row)
    merged, overlaps = dict(now), []
    for name in ROW_KINDS[kind][2]:
        if name not in values:
            continue
        mine, base = text(values[name]), text(bases.get(name, now[name]))
        if mine == base:
            continue
        if name in ROW_TEXT_FIELDS:
            result = merge(base, mine, now[name])
            overlaps += [{"field": name, **vars(h)} for h in result.overlaps]
            merged[name] = result.text
        elif now[name] not in (base, mine):
            overlaps.append({"field": name, "base": base, "mine": mine, "theirs": now[name]})
        else:
            merged[name] = mine
    data = _row(kind, row)
    if overlaps:
        return FieldResult(
            OVERLAP,
            kind,
            now,
            current.version,
            message=_("Du og en annen endret samme sted. Begge versjonene vises."),
            overlaps=overlaps,
            row=data,
        )
    if all(merged[n] == now[n] for n in now if n != "new_kind"):
        return FieldResult(SAVED, kind, now, current.version, row=data, leads=_leads(kind, current))
    form, invalid = _validated(current, kind, row, merged)
    if invalid:
        return invalid
    return _write(current, kind, row, form, editor, op=op)


@transaction.atomic
def row_delete(*, measure, kind, row_id, op, editor):
    """Remove a row; a row that is already gone is a success."""
    model = ROW_KINDS[kind][0]
    current = lock(measure)
    if not current.arena.accepts_edits:
        return refused(current, kind, None)
    row = model.objects.filter(measure=current, pk=row_id).first()
    if row is None:
        gone = {"id": row_id, "kind": kind, "values": {}, "deleted": True}
        leads = _leads(kind, current)
        return FieldResult(SAVED, kind, None, current.version, row=gone, leads=leads)
    values = row_values(kind, row)
    row.delete()
    row.pk = row_id
    return _record_row(current, editor, kind, row, op=op, deleted=True, values=values)


@transaction.atomic
def lead_choose(*, measure, row_id, op, editor):
    """Make this actor row the measure's one lead; the other leads become partners. One tap,
    one transaction (and one recorded change per row that changed)."""
    current = lock(measure)
    if not current.arena.accepts_edits:
        return refused(current, "actors", None)
    chosen = (
        MeasureActor.objects.filter(measure=current, pk=row_id)
        .select_related("organisation")
        .first()
    )
    if chosen is None:
        return FieldResult(
            INVALID,
            "actors",
            None,
            current.version,
            message=_("Aktøren er fjernet. Velg en annen."),
            leads=leads_count(current),
        )
    others = MeasureActor.objects.filter(measure=current, role_kind=LEAD).exclude(pk=chosen.pk)
    result = None
    for index, other in enumerate(others.select_related("organisation")):
        other.role_kind = MeasureActor.Role.PARTNER
        other.save()
        result = _record_row(current, editor, "actors", other, op=_sub(op, index))
    if chosen.role_kind != LEAD:
        chosen.role_kind = LEAD
        chosen.save()
        result = _record_row(current, editor, "actors", chosen, op=_sub(op, "lead"))
    if result is None:
        data = _row("actors", chosen)
        return FieldResult(SAVED, "actors", data["values"], current.version, row=data, leads=1)
    result.row, result.value = _row("actors", chosen), row_values("actors", chosen)
    return result


def _sub(op, what):
    return uuid.uuid5(uuid.UUID(str(op)), str(what)) if op else uuid.uuid4()


@dataclass
class RowEdit:
    """One row of a plain step post: new (`row_id` None), changed, or removed (`delete`)."""

    kind: str
    row_id: int | None = None
    values: dict = field(default_factory=dict)
    bases: dict = field(default_factory=dict)
    delete: bool = False
    key: uuid.UUID | None = None


def row_edits_from_formset(formset, *, kind):
    """The RowEdits of a bound (not yet validated) formset of the plain step form: only rows
    the person added, changed or ticked for removal. Bases are the hidden initials."""
    names = ROW_KINDS[kind][2]
    edits = []
    for form in formset.forms:
        if not form.has_changed():
            continue
        delete = form.fields["DELETE"].widget.value_from_datadict(
            form.data, form.files, form.add_prefix("DELETE")
        )
        values = {n: form.data.get(form.add_prefix(n), "") for n in names}
        bases = {
            n: form.data[form.add_initial_prefix(n)]
            for n in names
            if form.add_initial_prefix(n) in form.data
        }
        edits.append(RowEdit(kind, form.instance.pk, values, bases, bool(delete)))
    return edits

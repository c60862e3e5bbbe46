"""What the editor views need besides HTTP: the step page's context, the plain form's POST
turned into edits for the services (only what the person changed), the JSON answer of a save,
and the presence line ("Kari skriver i «Mål»").

No access decisions here: the views in measures/views/editor.py have made them."""

import uuid
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from measures import editor as coedit
from measures.forms import MeasureForm
from measures.models import M2M_FIELDS, MeasureActor
from measures.steps import REVIEW, STEPS
from participants.models import Organisation

# The rows' URL names (Norwegian, as every URL) and their formset prefixes.
ROW_KINDS = {"aktorer": "actors", "indikatorer": "indicators", "finansiering": "fundings"}
ROW_SLUGS = {kind: slug for slug, kind in ROW_KINDS.items()}
ROW_LABELS = {"actors": _l("Aktør"), "indicators": _l("Indikator"), "fundings": _l("Finansiør")}


@dataclass
class Outcome:
    """What a plain step POST did: `done` moves on to `goto`; otherwise the step is shown
    again with the fields that need the person (overlap, invalid) and what they typed."""

    done: bool = False
    goto: str = ""
    refused: bool = False
    results: dict = field(default_factory=dict)  # field or row prefix -> a result not saved
    typed: dict = field(default_factory=dict)  # field -> what the person posted
    formset: object = None  # bound, when the rows did not validate
    kept: bool = False  # nothing of the step was written: every field keeps what was typed
    bases: dict = field(default_factory=dict)  # field -> the base the page had shown
    throttled: bool = False  # new rows over the limit: nothing written, the page says when


def _text(value):
    return ("" if value is None else str(value)).replace("\r\n", "\n").strip()


def field_edits(spec, post):
    """Only the fields whose posted value differs from the value the page showed (`base-…`):
    a person who just looked at a step and pressed "Neste" sends nothing."""
    edits, ticks = {}, {}
    for name in spec.fields:
        if f"base-{name}" not in post:
            continue
        base = post[f"base-{name}"]
        if name in M2M_FIELDS:
            add, remove = coedit.tick_delta(post.getlist(name), base.split(","))
            if add or remove:
                ticks[name] = (add, remove)
            continue
        value = post.get(name, "")
        if post.get("use-mine") == name:  # "Bruk min" under an overlap
            value = post.get(f"mine-{name}", value)
        if _text(value) != _text(base):
            edits[name] = (base, value)
    return edits, ticks


def row_values(kind, post, prefix=""):
    return {f: post[prefix + f] for f in coedit.ROW_KINDS[kind][2] if prefix + f in post}


def _uuid(value):
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def step_post(perms, measure, spec, post, *, rows_refused):
    """The plain form of a step: fields, ticks and rows the person changed, in one transaction
    (measures.editor.step_save). Anything invalid saves nothing and shows why at the field.
    A post that adds rows asks `rows_refused()` (the view's rate limit) once; refused, nothing
    is saved and the page keeps what was typed."""
    goto = str(spec.number) if post.get("use-mine") else post.get("goto", "")
    typed = {n: post.getlist(n) if n in M2M_FIELDS else post.get(n, "") for n in spec.fields}
    if not perms.can_edit(measure):
        return Outcome(refused=True, typed=typed)
    edits, ticks = field_edits(spec, post)
    rows, formset = [], None
    if spec.rows:
        formset = spec.formset_class(post, instance=measure, prefix=spec.rows)
        if not formset.is_valid():
            return Outcome(typed=typed, formset=formset)
        rows = coedit.row_edits_from_formset(formset, kind=spec.rows)
        for edit, form in zip(rows, (f for f in formset.forms if f.has_changed()), strict=True):
            edit.key = _uuid(form.data.get(f"{form.prefix}-key"))  # a resent post adds once
        if _adds_rows(rows) and rows_refused():
            bases = {n: post[f"base-{n}"] for n in spec.fields if f"base-{n}" in post}
            return Outcome(typed=typed, formset=formset, kept=True, bases=bases, throttled=True)
    if not (edits or ticks or rows):
        return Outcome(done=True, goto=goto)
    result = coedit.step_save(
        measure=measure, op=_uuid(post.get("op")), edits=edits, ticks=ticks, rows=rows,
        editor=perms.participant,
    )  # fmt: skip
    if any(r.status == coedit.REFUSED for r in result.results):
        return Outcome(refused=True, typed=typed)
    open_ = {n: r for n, r in result.fields.items() if not r.ok}
    changed = [f for f in formset.forms if f.has_changed()] if formset is not None else []
    open_.update({f.prefix: r for f, r in zip(changed, result.rows, strict=False) if not r.ok})
    if open_ and any(r.status == coedit.INVALID for r in open_.values()) and formset is not None:
        formset = spec.formset_class(post, instance=measure, prefix=spec.rows)
    else:
        formset = None
    bases = {n: post[f"base-{n}"] for n in spec.fields if f"base-{n}" in post}
    return Outcome(
        done=not open_, goto=goto, results=open_, typed=typed, formset=formset,
        kept=result.rolled_back, bases=bases if result.rolled_back else {},
    )  # fmt: skip


def _adds_rows(rows):
    return any(edit.row_id is None and not edit.delete for edit in rows)


def _base(measure, name):
    """The value the page shows, as the server compares it: ids for ticks, text otherwise."""
    shown = coedit.field_shown(measure, name)
    return ",".join(str(pk) for pk in shown) if name in M2M_FIELDS else shown


def context(perms, measure, spec, outcome):
    arena = perms.arena
    names = spec.fields
    initial = {}
    for name in names:  # what the person typed stays in a field that was not saved
        result = outcome.results.get(name)
        if outcome.refused or outcome.kept or (result is not None and result.status == "invalid"):
            initial[name] = outcome.typed.get(name)
    form = (
        MeasureForm(instance=measure, arena=arena, only=names, initial=initial) if names else None
    )
    fields_ = [
        (
            form[n],
            outcome.bases.get(n, _base(measure, n)),
            outcome.results.get(n),
            outcome.typed.get(n),
        )
        for n in names
    ]
    formset = outcome.formset
    if spec.rows and formset is None:
        formset = spec.formset_class(instance=measure, prefix=spec.rows)
    for row in formset.forms if formset is not None else ():
        row.result = outcome.results.get(row.prefix)
        row.creation_key = row.data.get(f"{row.prefix}-key") or uuid.uuid4()
    leads = (
        list(measure.actors.filter(role_kind=MeasureActor.Role.LEAD).select_related("organisation"))
        if spec.rows == "actors"
        else []
    )
    return {
        "arena": arena,
        "perms": perms,
        "participant": perms.participant,
        "measure": measure,
        "fields": fields_,
        "row_label": ROW_LABELS.get(spec.rows, ""),
        "row_slug": ROW_SLUGS.get(spec.rows, ""),
        "steps": STEPS,
        "step": spec,
        "review_step": REVIEW,
        "form": form,
        "formset": formset,
        "leads": leads if len(leads) > 1 else [],
        "refused": outcome.refused,
        "step_op": uuid.uuid4(),
        "has_errors": not outcome.throttled
        and (bool(outcome.results) or outcome.formset is not None),
        "organisations": Organisation.objects.for_arena(perms.arena).values_list("name", flat=True)
        if formset is not None
        else (),
    }


def refused(name):
    return coedit.FieldResult(
        status=coedit.REFUSED,
        field=name,
        message=_("Redigeringen er stengt. Teksten din er ikke lagret."),
    )

"""The measure editor: a table creates a measure, answers the six questions step by step
(each field also autosaves on its own), and reviews it before submitting.

Only members of the measure's table reach these pages (`perms.can_reach_editor`); while the
arena does not accept edits, the table sees its measure with a notice and nothing is saved.
When two people change the same field, the conflict is shown with both texts and three choices
(`_resolve` and `_describe`), so nobody's text is lost.
"""

import json
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from arena.access import participant_perms
from measures import services
from measures.forms import MeasureCreateForm, MeasureForm
from measures.forms_rows import changed_rows
from measures.models import M2M_FIELDS, QUESTIONS, Measure
from measures.steps import REVIEW, STEPS
from participants.models import Organisation


def _editor_measure(request, slug, pk):
    """Only members of the measure's table reach its editor; others get 404, like outsiders."""
    perms = participant_perms(request, slug)
    measure = get_object_or_404(
        Measure.objects.select_related("group", "last_edited_by"), arena=perms.arena, pk=pk
    )
    if not perms.can_reach_editor(measure):
        raise Http404
    measure.arena = perms.arena
    return perms, measure


def measure_create(request, slug):
    perms = participant_perms(request, slug)
    arena, participant = perms.arena, perms.participant
    if not perms.has_group:
        raise Http404
    form = MeasureCreateForm(request.POST or None, initial={"creation_key": uuid.uuid4()})
    refused = request.method == "POST" and not perms.can_create_measure
    if form.is_valid() and not refused:
        try:
            measure, _created = services.measure_create(
                arena=arena,
                group=participant.group,
                title=form.cleaned_data["title"],
                creation_key=form.cleaned_data["creation_key"],
                editor=participant,
            )
        except services.EditingClosed:
            refused = True
        else:
            return redirect("measures:measure-edit", slug=arena.slug, pk=measure.pk, step=0)
    context = {"arena": arena, "participant": participant, "form": form, "refused": refused}
    return render(request, "measures/measure_create.html", context)


def _resolve(post):
    """Apply the buttons of a conflict ("Behold min", "Behold den andre", "Slå sammen") to a
    copy of the POST, for the editor without JavaScript. Returns (data, fields not to save)."""
    data, held = post.copy(), set()
    for key in post:
        if not key.startswith("resolve-"):
            continue
        name, choice = key.removeprefix("resolve-"), post[key]
        theirs = post.get(f"theirs-{name}", "")
        data[f"base-{name}"] = theirs
        if choice == "theirs":
            data.setlist(
                name, [pk for pk in theirs.split(",") if pk] if name in M2M_FIELDS else [theirs]
            )
        elif choice == "merge" and name in M2M_FIELDS:  # both sets of ticks
            data.setlist(
                name, sorted({*post.getlist(name), *(pk for pk in theirs.split(",") if pk)})
            )
            held.add(name)
        elif choice == "merge":
            data[name] = f"{post.get(name, '')}\n\n{theirs}".strip()
            held.add(name)
    return data, held


def _bases(data, names):
    return {n: data[f"base-{n}"] for n in names if f"base-{n}" in data}


def _version(data):
    value = data.get("version", "")
    return int(value) if value.isdigit() else None


def measure_edit(request, slug, pk, step):
    perms, measure = _editor_measure(request, slug, pk)
    arena = perms.arena
    if not 0 <= step < len(STEPS):
        raise Http404
    spec = STEPS[step]
    data, held = _resolve(request.POST) if request.method == "POST" else (None, set())
    form = (
        MeasureForm(data, instance=measure, arena=arena, only=spec.fields) if spec.fields else None
    )
    formset = None
    if spec.rows:
        # The prefix is the kind of row ("actors", …) that measure_rows_save is told.
        formset = spec.formset_class(data, instance=measure, prefix=spec.rows)
    state = {"conflicts": {}, "refused": False, "held": held, "row_error": "", "row_clashes": False}
    if request.method == "POST":
        state.update(_save_step(perms, measure, form, formset, data, held))
        blocked = state["conflicts"] or state["refused"] or held or state["row_error"]
        if not (blocked or state["row_clashes"]) and (
            (form is None or form.is_valid()) and (formset is None or formset.is_valid())
        ):
            return redirect(_goto(arena, measure, request.POST.get("goto"), step))
        measure.refresh_from_db()
    return render(
        request,
        "measures/measure_edit.html",
        _editor_context(perms, measure, spec, form, formset, data, state),
    )


def _save_step(perms, measure, form, formset, data, held):
    if not perms.can_edit(measure):
        return {"refused": True}
    if (form and not form.is_valid()) or (formset and not formset.is_valid()):
        return {}
    result = {}
    try:
        if form:
            values = {n: form.cleaned_data[n] for n in form.fields if n not in held}
            saved = services.measure_update(
                measure=measure,
                values=values,
                bases=_bases(data, values),
                based_on_version=_version(data),
                editor=perms.participant,
            )
            result["conflicts"] = saved.conflicts
        if formset:
            row_forms, rows = changed_rows(formset)
            saved_rows = services.measure_rows_save(
                measure=measure, kind=formset.prefix, rows=rows, editor=perms.participant
            )
            result["row_clashes"] = bool(saved_rows.clashes)
            for position, clashes in saved_rows.clashes:
                _show_row_clashes(row_forms[position], clashes)
    except services.EditingClosed:
        result["refused"] = True
    except ValueError as error:
        result["row_error"] = str(error)
    return result


def _show_row_clashes(form, clashes):
    """Put both texts in front of the person: theirs in the message, mine in the field. The
    other text becomes the field's base, so that saving again keeps mine on purpose."""
    for name, theirs in clashes.items():
        field = form.fields[name]
        shown = dict(getattr(field, "choices", ())).get(theirs, theirs)
        form.add_error(
            name,
            ValidationError(
                _(
                    "Noen andre endret dette feltet mens du skrev. Nå står det: «%(theirs)s». "
                    "Teksten din i feltet er ikke lagret: lagre igjen for å bruke den, "
                    "eller rett den."
                ),
                code="row_conflict",
                params={"theirs": shown if shown not in (None, "") else "–"},
            ),
        )
        base = field.hidden_widget().format_value(field.prepare_value(theirs))
        form.data[form.add_initial_prefix(name)] = base or ""


def _goto(arena, measure, goto, step):
    target = int(goto) if (goto or "").isdigit() else step
    if target >= REVIEW:
        return reverse("measures:measure-review", kwargs={"slug": arena.slug, "pk": measure.pk})
    return reverse(
        "measures:measure-edit", kwargs={"slug": arena.slug, "pk": measure.pk, "step": target}
    )


def _editor_context(perms, measure, spec, form, formset, data, state):
    names = form.fields if form else ()
    conflicts = state["conflicts"]
    bases = {n: services.field_value(measure, n) for n in names}
    for name in conflicts:  # keep what this browser started from until the person chooses
        bases[name] = data.get(f"base-{name}", bases[name])
    for conflict in conflicts.values():
        _describe(form, conflict)
    fields = [(form[n], bases[n], conflicts.get(n), n in state["held"]) for n in names]
    return {
        "arena": perms.arena,
        "perms": perms,
        "participant": perms.participant,
        "measure": measure,
        "fields": fields,
        "row_label": ROW_LABELS.get(spec.rows, ""),
        "steps": STEPS,
        "step": spec,
        "review_step": REVIEW,
        "form": form,
        "formset": formset,
        "bases": bases,
        "conflicts": conflicts,
        "refused": state["refused"],
        "held": state["held"],
        "row_error": state["row_error"],
        "organisations": Organisation.objects.values_list("name", flat=True)
        if formset is not None
        else (),
    }


ROW_LABELS = {"actors": _l("Aktør"), "indicators": _l("Indikator"), "fundings": _l("Finansiør")}


def _describe(form, conflict):
    """Both sides of a conflict as a person reads them: names, not ids."""
    field = form.fields[conflict.field]
    for side in ("mine", "theirs"):
        value = getattr(conflict, side)
        if conflict.field in M2M_FIELDS:
            ids = [pk for pk in value.split(",") if pk]
            shown = ", ".join(str(o) for o in field.queryset.filter(pk__in=ids))
        elif getattr(field, "choices", None):
            shown = str(dict(field.choices).get(value, value))
        else:
            shown = value
        setattr(conflict, f"{side}_display", shown)
    # Two texts or two sets of ticks can be merged; two years or two choices cannot.
    conflict.mergeable = conflict.field in M2M_FIELDS or (
        isinstance(field, forms.CharField) and not getattr(field, "choices", None)
    )
    return conflict


@require_POST
def measure_field_save(request, slug, pk):
    """Autosave of one field (htmx). Always answers 200 with the field's feedback, so htmx
    swaps it in, and an event saying what happened (saved, conflict, invalid, refused)."""
    perms, measure = _editor_measure(request, slug, pk)
    name = request.POST.get("field", "")
    if name not in MeasureForm._meta.fields:
        return HttpResponseBadRequest()
    form = MeasureForm(request.POST, instance=measure, arena=perms.arena, only=[name])
    context = {"name": name, "form": form, "field": form[name], "arena": perms.arena}
    if not perms.can_edit(measure):
        return _feedback(request, context, "ta-refused", name)
    if not form.is_valid():
        return _feedback(request, context, "ta-invalid", name)
    try:
        result = services.measure_update(
            measure=measure,
            values={name: form.cleaned_data[name]},
            bases=_bases(request.POST, [name]),
            based_on_version=_version(request.POST),
            editor=perms.participant,
        )
    except services.EditingClosed:
        return _feedback(request, context, "ta-refused", name)
    context.update(result=result, conflict=result.conflicts.get(name))
    if context["conflict"]:
        _describe(form, context["conflict"])
        return _feedback(request, context, "ta-conflict", name)
    measure.refresh_from_db()
    context.update(base=services.field_value(measure, name), version=measure.version)
    return _feedback(request, context, "ta-saved", name)


def _feedback(request, context, event, name):
    context["event"] = event
    response = render(request, "measures/_field_feedback.html", context)
    detail = {"field": name, "at": time_format(timezone.localtime(), "H:i")}
    response["HX-Trigger-After-Swap"] = json.dumps({event: detail})
    return response


def measure_review(request, slug, pk):
    perms, measure = _editor_measure(request, slug, pk)
    arena = perms.arena
    refused = False
    if request.method == "POST":
        try:
            services.measure_submit(measure=measure, editor=perms.participant)
        except services.EditingClosed:
            refused = True
        else:
            messages.success(request, _("Tiltaket er sendt inn. Dere kan fortsatt endre det."))
            return redirect("measures:measure-detail", slug=arena.slug, pk=measure.pk)
    measure = Measure.objects.with_rows().get(pk=measure.pk)
    context = {
        "arena": arena,
        "perms": perms,
        "participant": perms.participant,
        "measure": measure,
        "steps": STEPS,
        "review_step": REVIEW,
        "step": None,
        "refused": refused,
        "questions": QUESTIONS,
    }
    return render(request, "measures/measure_review.html", context)

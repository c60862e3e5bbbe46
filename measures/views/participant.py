"""The workshop: participants create, edit, read, comment on and prioritise measures."""

import json
import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from arena.access import FACILITATOR_ONLY, get_participant_arena, get_staff_arena
from measures import services
from measures.forms import (
    M2M_FIELDS,
    CommentForm,
    CommitmentForm,
    MeasureCreateForm,
    MeasureFilterForm,
    MeasureForm,
)
from measures.models import QUESTIONS, Comment, Measure, Vote
from measures.steps import REVIEW, STEPS
from participants.models import Organisation


def _measure(request, slug, pk):
    arena, participant = get_participant_arena(request, slug)
    measure = get_object_or_404(
        Measure.objects.select_related("group", "last_edited_by"), arena=arena, pk=pk
    )
    measure.arena = arena
    return arena, participant, measure


def _group_measure(request, slug, pk):
    """Only members of the measure's group reach its editor; others get 404, like outsiders."""
    arena, participant, measure = _measure(request, slug, pk)
    if participant.group_id is None or participant.group_id != measure.group_id:
        raise Http404
    return arena, participant, measure


def measure_list(request, slug):
    arena, participant = get_participant_arena(request, slug)
    filters = MeasureFilterForm(request.GET or None, arena=arena)
    measures = filters.filter(Measure.objects.filter(arena=arena).with_rows())
    context = {"arena": arena, "participant": participant, "filters": filters}
    return render(request, "measures/measure_list.html", {**context, "measures": measures})


def measure_create(request, slug):
    arena, participant = get_participant_arena(request, slug)
    if participant.group_id is None:
        raise Http404
    form = MeasureCreateForm(request.POST or None, initial={"creation_key": uuid.uuid4()})
    refused = request.method == "POST" and not arena.accepts_edits
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
    arena, participant, measure = _group_measure(request, slug, pk)
    if not 0 <= step < len(STEPS):
        raise Http404
    spec = STEPS[step]
    data, held = _resolve(request.POST) if request.method == "POST" else (None, set())
    form = (
        MeasureForm(data, instance=measure, arena=arena, only=spec.fields) if spec.fields else None
    )
    formset = None
    if spec.rows:
        formset = spec.formset_class(data, instance=measure, prefix=spec.rows)
    state = {"conflicts": {}, "refused": False, "held": held, "row_error": "", "row_clashes": False}
    if request.method == "POST":
        state.update(_save_step(request, arena, participant, measure, form, formset, data, held))
        blocked = state["conflicts"] or state["refused"] or held or state["row_error"]
        if not (blocked or state["row_clashes"]) and (
            (form is None or form.is_valid()) and (formset is None or formset.is_valid())
        ):
            return redirect(_goto(arena, measure, request.POST.get("goto"), step))
        measure.refresh_from_db()
    return render(
        request,
        "measures/measure_edit.html",
        _editor_context(arena, participant, measure, spec, form, formset, data, state),
    )


def _save_step(request, arena, participant, measure, form, formset, data, held):
    if not arena.accepts_edits:
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
                editor=participant,
            )
            result["conflicts"] = saved.conflicts
        if formset:
            rows = services.measure_rows_save(measure=measure, formset=formset, editor=participant)
            result["row_clashes"] = bool(rows.clashes)
            for row_form, clashes in rows.clashes:
                _show_row_clashes(row_form, clashes)
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


def _editor_context(arena, participant, measure, spec, form, formset, data, state):
    names = form.fields if form else ()
    conflicts = state["conflicts"]
    bases = {n: services.field_value(measure, n) for n in names}
    for name in conflicts:  # keep what this browser started from until the person chooses
        bases[name] = data.get(f"base-{name}", bases[name])
    for conflict in conflicts.values():
        _describe(form, conflict)
    fields = [(form[n], bases[n], conflicts.get(n), n in state["held"]) for n in names]
    return {
        "arena": arena,
        "participant": participant,
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
    arena, participant, measure = _group_measure(request, slug, pk)
    name = request.POST.get("field", "")
    if name not in MeasureForm._meta.fields:
        return HttpResponseBadRequest()
    form = MeasureForm(request.POST, instance=measure, arena=arena, only=[name])
    context = {"name": name, "form": form, "field": form[name], "arena": arena}
    if not arena.accepts_edits:
        return _feedback(request, context, "ta-refused", name)
    if not form.is_valid():
        return _feedback(request, context, "ta-invalid", name)
    try:
        result = services.measure_update(
            measure=measure,
            values={name: form.cleaned_data[name]},
            bases=_bases(request.POST, [name]),
            based_on_version=_version(request.POST),
            editor=participant,
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
    arena, participant, measure = _group_measure(request, slug, pk)
    refused = False
    if request.method == "POST":
        try:
            services.measure_submit(measure=measure, editor=participant)
        except services.EditingClosed:
            refused = True
        else:
            messages.success(request, _("Tiltaket er sendt inn. Dere kan fortsatt endre det."))
            return redirect("measures:measure-detail", slug=arena.slug, pk=measure.pk)
    measure = Measure.objects.with_rows().get(pk=measure.pk)
    context = {
        "arena": arena,
        "participant": participant,
        "measure": measure,
        "steps": STEPS,
        "review_step": REVIEW,
        "step": None,
        "refused": refused,
        "questions": QUESTIONS,
    }
    return render(request, "measures/measure_review.html", context)


def measure_detail(request, slug, pk):
    arena, participant, measure = _measure(request, slug, pk)
    measure = (
        Measure.objects.with_rows()
        .prefetch_related(
            "target_groups",
            "plan_goals",
            "commitments__organisation",
            Prefetch("comments", queryset=Comment.objects.filter(hidden=False)),
        )
        .get(pk=measure.pk)
    )
    measure.arena = arena
    return render(
        request, "measures/measure_detail.html", _detail_context(arena, participant, measure)
    )


def _commitment_form(measure, participant):
    """Our organisation's commitment, if a colleague already made it: shown to be changed on
    purpose rather than replaced blindly (there is one per organisation)."""
    ours = next(
        (c for c in measure.commitments.all() if c.organisation_id == participant.organisation_id),
        None,
    )
    return CommitmentForm(instance=ours)


def _detail_context(arena, participant, measure, **extra):
    mine = Vote.objects.filter(participant=participant, measure=measure).first()
    return {
        "arena": arena,
        "participant": participant,
        "measure": measure,
        "is_member": participant.group_id is not None and participant.group_id == measure.group_id,
        "comment_form": extra.pop("comment_form", None) or CommentForm(),
        "commitment_form": extra.pop("commitment_form", None)
        or _commitment_form(measure, participant),
        "voting_open": services.voting_open(arena),
        "my_dots": mine.dots if mine else 0,
        "questions": QUESTIONS,
        **extra,
    }


def _refuse_when_closed(arena, form):
    """After the arena, participants read but no longer write; what they typed stays shown."""
    if arena.is_joinable:
        return False
    form.add_error(
        "text",
        ValidationError(
            _(
                "Arenaen er avsluttet, så dette ble ikke lagret. "
                "Kopier teksten hvis du vil ta vare på den."
            ),
            code="arena_closed",
        ),
    )
    return True


@require_POST
def comment_create(request, slug, pk):
    arena, participant, measure = _measure(request, slug, pk)
    form = CommentForm(request.POST)
    if form.is_valid() and not _refuse_when_closed(arena, form):
        services.comment_add(
            measure=measure, participant=participant, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Kommentaren er lagt til."))
        return redirect(
            reverse("measures:measure-detail", args=[arena.slug, measure.pk]) + "#kommentarer"
        )
    measure = Measure.objects.with_rows().get(pk=measure.pk)
    context = _detail_context(arena, participant, measure, comment_form=form)
    return render(request, "measures/measure_detail.html", context, status=200)


@require_POST
def commitment_create(request, slug, pk):
    arena, participant, measure = _measure(request, slug, pk)
    form = CommitmentForm(request.POST)
    if form.is_valid() and not _refuse_when_closed(arena, form):
        services.commitment_save(
            measure=measure,
            participant=participant,
            role_kind=form.cleaned_data["role_kind"],
            text=form.cleaned_data["text"],
        )
        messages.success(
            request,
            _("%(organisation)s er med på tiltaket.") % {"organisation": participant.organisation},
        )
        return redirect("measures:measure-detail", slug=arena.slug, pk=measure.pk)
    measure = Measure.objects.with_rows().get(pk=measure.pk)
    context = _detail_context(arena, participant, measure, commitment_form=form)
    return render(request, "measures/measure_detail.html", context)


@login_required
@require_POST
def comment_hide(request, slug, pk, comment_pk):
    arena, _role = get_staff_arena(request, slug, roles=FACILITATOR_ONLY)
    comment = get_object_or_404(Comment, pk=comment_pk, measure__pk=pk, measure__arena=arena)
    comment = services.comment_hide(comment=comment, hidden=request.POST.get("hidden", "1") != "0")
    if request.htmx:
        return HttpResponse(status=204)
    if comment.hidden:
        messages.success(request, _("Kommentaren er skjult for deltakerne."))
    else:
        messages.success(request, _("Kommentaren vises igjen for deltakerne."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return redirect(target)


def vote_list(request, slug):
    arena, participant = get_participant_arena(request, slug)
    measures = (
        Measure.objects.filter(arena=arena)
        .with_rows()
        .prefetch_related(
            Prefetch(
                "votes", queryset=Vote.objects.filter(participant=participant), to_attr="my_votes"
            )
        )
    )
    if arena.ranking_revealed:
        measures = measures.ranked()
    measures = list(measures)
    for measure in measures:
        measure.my_dots = sum(v.dots for v in measure.my_votes)
    used = sum(m.my_dots for m in measures)
    context = {
        "arena": arena,
        "participant": participant,
        "measures": measures,
        "voting_open": services.voting_open(arena),
        "dots_left": arena.dots_per_participant - used,
    }
    return render(request, "measures/vote_list.html", context)


@require_POST
def vote_change(request, slug, pk):
    arena, participant, measure = _measure(request, slug, pk)
    delta = 1 if request.POST.get("change") == "add" else -1
    try:
        services.vote_change(participant=participant, measure=measure, delta=delta)
    except services.VoteRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(
        reverse("measures:vote-list", kwargs={"slug": arena.slug}) + f"#measure-{measure.pk}"
    )

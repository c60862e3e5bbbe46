"""Staff pages on the measures: the Tiltak tab and one measure seen by facilitators and project
leads, with the status move and the contact person that the follow-up needs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena.access import staff_perms
from measures import linking
from measures.editor_feed import focus_label
from measures.editor_rows import ROW_KINDS
from measures.followup import measure_contact_set, measure_status_move
from measures.forms_staff import MeasureContactForm, MeasureStatusForm, StaffMeasureFilterForm
from measures.models import QUESTIONS, Comment, Commitment, Measure, MeasureChange, Vote
from measures.similar import similar_measures

HISTORY_LIMIT = 20
# The fields whose change a history row names; rows (actors, funding) have their own history.
HISTORY_FIELDS = (
    "title",
    "group_id",
    "status",
    "direction",
    "description",
    "way_of_working",
    "arenas_to_develop",
    "arenas_to_discontinue",
    "goal",
    "horizon",
    "start_year",
    "start_term",
    "end_year",
    "end_term",
    "contact_name",
    "contact_email",
)


def _history(measure):
    """The newest versions, each with the names of the fields it changed (one query)."""
    records = list(
        measure.history.select_related("last_edited_by", "history_user").order_by(
            "-history_date", "-history_id"
        )[: HISTORY_LIMIT + 1]
    )
    for record, previous in zip(records, [*records[1:], None], strict=False):
        record.changed = (
            [
                Measure._meta.get_field(name.removesuffix("_id")).verbose_name
                for name in HISTORY_FIELDS
                if getattr(record, name) != getattr(previous, name)
            ]
            if previous
            else []
        )
    return records[:HISTORY_LIMIT]


CHANGES_LIMIT = 50


def _field_name(name):
    try:
        return Measure._meta.get_field(name).verbose_name
    except FieldDoesNotExist:
        return name


def _changes(measure):
    """The editor's changes, newest first: exactly who changed which field when (one query).
    Each gets `label` (the field as the editor names it) and `shown` (what it then held)."""
    changes = list(
        MeasureChange.objects.filter(measure=measure).order_by("-revision")[:CHANGES_LIMIT]
    )
    for change in changes:
        change.label = focus_label(change.name)[0] or _field_name(change.name)
        value = change.value
        if change.kind == MeasureChange.Kind.ROW and isinstance(value, dict):
            first = ROW_KINDS[change.name][2][0] if change.name in ROW_KINDS else ""
            text = (value.get("values") or {}).get(first, "")
            change.shown = _("Fjernet: %(row)s") % {"row": text} if value.get("deleted") else text
        elif change.kind == MeasureChange.Kind.TICKS:
            change.shown = _("%(n)s valgt") % {"n": len(value or ())}
        elif change.kind == MeasureChange.Kind.FIELD:
            choices = dict(Measure._meta.get_field(change.name).flatchoices)
            change.shown = str(choices.get(value, value) or "")
        else:
            change.shown = str(value or "")
    return changes


def _count(model, column="pk", aggregate=Count):
    """A per-measure count as a subquery: joins for three counts would multiply each other."""
    rows = (
        model.objects.filter(measure=OuterRef("pk"))
        .order_by()
        .values("measure")
        .annotate(n=aggregate(column))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


@login_required
def measure_overview(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    filters = StaffMeasureFilterForm(request.GET or None, arena=arena)
    measures = filters.filter(
        Measure.objects.filter(arena=arena)
        .with_rows()
        .annotate(
            dot_count=_count(Vote, "dots", Sum),
            commitment_count=_count(Commitment),
            comment_count=_count(Comment),
        )
        .order_by("group__order", "group__name", "title", "id")
    )
    context = {"arena": arena, "perms": perms, "filters": filters, "measures": measures}
    return render(request, "measures/staff_measure_list.html", context)


def _staff_measure(request, slug, pk, *, manager=Measure.objects):
    perms = staff_perms(request, slug)
    measure = get_object_or_404(manager.filter(arena=perms.arena), pk=pk)
    measure.arena = perms.arena
    return perms, measure


def _staff_view_of(measure):
    """The measure with everything its staff page shows, in a fixed number of queries."""
    return (
        Measure.objects.with_rows()
        .select_related("last_edited_by")
        .prefetch_related(
            "target_groups",
            "plan_goals",
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("organisation", "participant"),
            ),
            Prefetch("comments", queryset=Comment.objects.select_related("participant", "user")),
            Prefetch(
                "votes",
                queryset=Vote.objects.select_related("participant__organisation").order_by(
                    "-dots", "participant__display_name"
                ),
            ),
        )
        .get(pk=measure.pk)
    )


def _same_idea(arena, measure, keep):
    """Its links and merges, and the measures of other tables like it (with `keep`, the pk of
    the pair the facilitation board points to, if it is alike): 2 queries."""
    links = linking.links_of(measure)
    linked = {other.pk for _link, other in links["same"]}
    similar = similar_measures(
        arena,
        title=measure.title,
        description=measure.description,
        measure=measure,
        group_id=measure.group_id,
        linked=linked,
        keep=int(keep) if keep.isascii() and keep.isdigit() and len(keep) < 12 else None,
    )
    return links, similar


def _detail(request, perms, measure, *, status_form=None, contact_form=None, status=200):
    measure = _staff_view_of(measure)
    measure.arena = perms.arena
    links, similar = _same_idea(perms.arena, measure, request.GET.get("lignende", ""))
    context = {
        "links": links,
        "similar": similar,
        "arena": perms.arena,
        "perms": perms,
        "measure": measure,
        "questions": QUESTIONS,
        "history": _history(measure),
        "changes": _changes(measure),
        "changes_limit": CHANGES_LIMIT,
        "history_limit": HISTORY_LIMIT,
        "dot_total": sum(v.dots for v in measure.votes.all()),
        "status_form": status_form or MeasureStatusForm(measure=measure),
        "contact_form": contact_form or MeasureContactForm(instance=measure),
    }
    return render(request, "measures/staff_measure_detail.html", context, status=status)


@login_required
def measure_staff_detail(request, slug, pk):
    perms, measure = _staff_measure(request, slug, pk, manager=Measure.everything)
    if measure.merged_into_id:
        context = {"arena": perms.arena, "perms": perms, "measure": measure}
        context["link"] = linking.merge_of(measure)
        return render(request, "measures/staff_measure_merged.html", context)
    return _detail(request, perms, measure)


@login_required
@require_POST
def measure_status_change(request, slug, pk):
    perms, measure = _staff_measure(request, slug, pk)
    form = MeasureStatusForm(request.POST, measure=measure)
    if form.is_valid():
        try:
            measure_status_move(measure=measure, status=form.cleaned_data["status"])
        except ValidationError as refusal:
            form.add_error("status", refusal)
        else:
            messages.success(
                request,
                _("Statusen er nå «%(status)s».") % {"status": measure.get_status_display()},
            )
            return redirect("measures:measure-staff-detail", slug=perms.arena.slug, pk=measure.pk)
    return _detail(request, perms, measure, status_form=form)


@login_required
@require_POST
def measure_contact_change(request, slug, pk):
    perms, measure = _staff_measure(request, slug, pk)
    form = MeasureContactForm(request.POST, instance=measure)
    if form.is_valid():
        measure_contact_set(
            measure=measure,
            name=form.cleaned_data["contact_name"],
            email=form.cleaned_data["contact_email"],
        )
        messages.success(request, _("Kontaktpersonen er lagret."))
        return redirect("measures:measure-staff-detail", slug=perms.arena.slug, pk=measure.pk)
    # The bound form changed the instance in memory; show the page from the database.
    measure = Measure.objects.get(pk=measure.pk)
    return _detail(request, perms, measure, contact_form=form)

"""Staff link, merge and undo measures that are the same idea (decision 49): facilitators only.
A merge and the undo of a merge are two-step forms, like the arena's status (decision 43): the
first POST shows what will happen, the second (`confirmed=1`) does it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena.access import staff_perms
from measures import linking
from measures.models import Measure, MeasureLink


def _pair(request, slug, pk):
    """The facilitator's perms, this measure and the other one posted (`other`), both
    standing measures of the arena; 404 otherwise."""
    perms = staff_perms(request, slug, facilitator_only=True)
    standing = Measure.objects.filter(arena=perms.arena).select_related("group")
    measure = get_object_or_404(standing, pk=pk)
    other_pk = request.POST.get("other", "")
    if not other_pk.isdigit() or int(other_pk) == measure.pk:
        raise Http404
    return perms, measure, get_object_or_404(standing, pk=int(other_pk))


def _back(perms, pk):
    return redirect("measures:measure-staff-detail", slug=perms.arena.slug, pk=pk)


@login_required
@require_POST
def measure_link_create(request, slug, pk):
    perms, measure, other = _pair(request, slug, pk)
    try:
        linking.measure_link(
            arena=perms.arena, source_pk=measure.pk, target_pk=other.pk, user=request.user
        )
    except linking.LinkRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Koblet: samme idé som «%(title)s».") % {"title": other.title})
    return _back(perms, measure.pk)


@login_required
@require_POST
def measure_merge(request, slug, pk):
    perms, measure, other = _pair(request, slug, pk)
    kept, merged = (
        (other, measure) if request.POST.get("kept") == str(other.pk) else (measure, other)
    )
    if request.POST.get("confirmed") != "1":
        effects = linking.merge_effects(merged, kept)
        context = {"arena": perms.arena, "measure": measure, "other": other, "kept": kept}
        context |= {"perms": perms, "merged": merged, "effects": effects}
        return render(request, "measures/measure_merge_confirm.html", context)
    try:
        linking.measure_merge(
            arena=perms.arena, kept_pk=kept.pk, merged_pk=merged.pk, user=request.user
        )
    except linking.LinkRefused as refusal:
        messages.error(request, str(refusal))
        return _back(perms, measure.pk)
    messages.success(
        request,
        _("«%(merged)s» er slått sammen med «%(kept)s». Du kan angre det her.")
        % {"merged": merged.title, "kept": kept.title},
    )
    return _back(perms, kept.pk)


@login_required
@require_POST
def link_undo(request, slug, pk):
    perms = staff_perms(request, slug, facilitator_only=True)
    links = MeasureLink.objects.filter(arena=perms.arena).select_related("source", "target")
    link = get_object_or_404(links, pk=pk)
    is_merge = link.kind == MeasureLink.Kind.MERGE
    if is_merge and request.POST.get("confirmed") != "1" and link.undone_at is None:
        context = {"arena": perms.arena, "perms": perms, "link": link}
        return render(request, "measures/measure_merge_undo_confirm.html", context)
    try:
        linking.link_undo(arena=perms.arena, link_pk=link.pk, user=request.user)
    except linking.LinkRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _undone_message(link))
    back = request.POST.get("back", "")
    shown = back if back in (str(link.source_id), str(link.target_id)) else link.source_id
    return _back(perms, shown)


def _undone_message(link):
    if link.kind == MeasureLink.Kind.MERGE:
        return _("Sammenslåingen er angret: «%(title)s» står for seg selv igjen.") % {
            "title": link.source.title
        }
    return _("Koblingen mellom «%(a)s» og «%(b)s» er fjernet.") % {
        "a": link.source.title,
        "b": link.target.title,
    }

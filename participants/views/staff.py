"""The Deltakere tab: who has joined, at which table; facilitators move and remove people, and
confirm the organisations participants typed (decision 30)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena import services
from arena.access import staff_perms
from arena.forms import MoveParticipantsForm
from participants.services import organisation_confirm, participant_remove


@login_required
def participant_list(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    participants = arena.participants.select_related("organisation", "group").order_by(
        "display_name", "id"
    )
    context = {
        "arena": arena,
        "perms": perms,
        "participants": participants,
        "groups": list(arena.groups.all()),
    }
    return render(request, "participants/participant_list.html", context)


@login_required
@require_POST
def participant_move(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = MoveParticipantsForm(request.POST, arena=arena)
    if form.is_valid():
        group = form.cleaned_data["group"]
        services.participants_move(
            arena=arena, participants=form.cleaned_data["participants"], group=group
        )
        names = ", ".join(p.display_name for p in form.cleaned_data["participants"])
        messages.success(
            request,
            _("%(names)s sitter nå ved %(group)s.")
            % {"names": names, "group": group or _("«uten bord»")},
        )
    else:
        messages.error(request, _("Velg en deltaker og et bord som finnes i arenaen."))
    return redirect("participants:participant-list", slug=arena.slug)


@login_required
def participant_delete(request, slug, pk):
    perms = staff_perms(request, slug, facilitator_only=True)
    arena = perms.arena
    participant = arena.participants.select_related("organisation", "group").filter(pk=pk).first()
    if participant is None and request.method == "POST":
        # A second click on "Fjern" (or a resent form): the person is already gone.
        return redirect("participants:participant-list", slug=arena.slug)
    if participant is None:
        raise Http404
    if request.method == "POST":
        participant_remove(participant=participant)
        messages.success(
            request, _("%(name)s er fjernet fra arenaen.") % {"name": participant.display_name}
        )
        return redirect("participants:participant-list", slug=arena.slug)
    counts = {
        "comments": participant.comments.count(),
        "votes": participant.votes.count(),
        "measures": participant.authored_measures.count(),
    }
    context = {"arena": arena, "perms": perms, "participant": participant, "counts": counts}
    return render(request, "participants/participant_delete.html", context)


@login_required
def organisation_list(request, slug):
    perms = staff_perms(request, slug)
    # How often each is used (people and actor rows), so the facilitator sees what matters.
    uses = Count("participants", distinct=True) + Count("measure_roles", distinct=True)
    added = perms.arena.added_organisations.annotate(uses=uses).order_by("confirmed", "name")
    context = {"arena": perms.arena, "perms": perms, "organisations": added}
    return render(request, "participants/organisation_list.html", context)


@login_required
@require_POST
def organisation_confirm_view(request, slug, pk):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    organisation = get_object_or_404(arena.added_organisations, pk=pk)
    organisation_confirm(arena=arena, organisation=organisation)
    messages.success(
        request,
        _("%(name)s er bekreftet og foreslås nå i alle arenaer.") % {"name": organisation.name},
    )
    return redirect("participants:organisation-list", slug=arena.slug)

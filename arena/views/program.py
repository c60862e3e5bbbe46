"""The program, the themes (problem areas and target groups) and the tables of an arena."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from arena import services, tombstones
from arena.access import staff_perms
from arena.forms import (
    GroupForm,
    ManyGroupsForm,
    MoveParticipantsForm,
    ProblemAreaForm,
    SessionForm,
    TargetGroupForm,
)
from arena.once import once
from arena.views._common import is_write, row_or_gone, saved


@login_required
def program(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    sessions = arena.sessions.all()
    context = {"arena": arena, "perms": perms, "sessions": sessions}
    return render(request, "arena/session_list.html", context)


@login_required
def session_edit(request, slug, pk=None):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    session = get_object_or_404(arena.sessions, pk=pk) if pk else None
    form = SessionForm(request.POST or None, instance=session, arena=arena)
    done = once(  # a new session sent twice is made once (decision 66)
        request,
        lambda: services.setup_save(obj=form.instance, values=form.cleaned_data),
        form=form,
        repeated=_("Programposten er allerede lagret."),
    )
    if done is not None:
        if done.first:
            messages.success(request, _("Programposten er lagret."))
        return redirect("arena:program", slug=arena.slug)
    return render(
        request, "arena/session_form.html", {"arena": arena, "form": form, "session": session}
    )


@login_required
@require_POST
def session_delete(request, slug, pk):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    session = row_or_gone(request, arena, arena.sessions, pk)
    if session is None:
        return redirect("arena:program", slug=arena.slug)
    tombstones.note(tombstones.arena_scope(arena), session, session.title)
    services.session_delete(session=session)
    messages.success(request, _("«%(title)s» er slettet.") % {"title": session.title})
    return redirect("arena:program", slug=arena.slug)


# Problem areas and target groups share one set of views; the URL says which.
TOPICS = {
    "problemstilling": (ProblemAreaForm, "problem_areas", gettext_lazy("problemstilling")),
    "malgruppe": (TargetGroupForm, "target_groups", gettext_lazy("målgruppe")),
}


def _topic_kind(kind):
    if kind not in TOPICS:
        raise Http404
    return TOPICS[kind]


@login_required
def topic_list(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    context = {
        "arena": arena,
        "perms": perms,
        "problem_areas": arena.problem_areas.all(),
        "target_groups": arena.target_groups.all(),
        "problem_area_form": ProblemAreaForm(arena=arena),
        "target_group_form": TargetGroupForm(arena=arena),
    }
    return render(request, "arena/topic_list.html", context)


@login_required
def topic_edit(request, slug, kind, pk=None):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form_class, related, noun = _topic_kind(kind)
    topic = get_object_or_404(getattr(arena, related), pk=pk) if pk else None
    form = form_class(request.POST or None, instance=topic, arena=arena)
    if form.is_valid() and saved(
        form, lambda: services.setup_save(obj=form.instance, values=form.cleaned_data)
    ):
        messages.success(request, _("Lagret."))
        return redirect("arena:topic-list", slug=arena.slug)
    context = {"arena": arena, "form": form, "topic": topic, "noun": noun, "kind": kind}
    return render(request, "arena/topic_form.html", context)


@login_required
@require_POST
def topic_move(request, slug, kind, pk):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    _form, related, _noun = _topic_kind(kind)
    topic = get_object_or_404(getattr(arena, related), pk=pk)
    up = request.POST.get("direction") == "opp"
    once(request, lambda: services.ordered_move(obj=topic, up=up))  # a double tap moves one place
    return redirect("arena:topic-list", slug=arena.slug)


@login_required
@require_POST
def topic_delete(request, slug, kind, pk):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    _form, related, _noun = _topic_kind(kind)
    topic = row_or_gone(request, arena, getattr(arena, related), pk)
    if topic is None:
        return redirect("arena:topic-list", slug=arena.slug)
    tombstones.note(tombstones.arena_scope(arena), topic)
    try:
        services.topic_delete(topic=topic)
    except services.InUse as in_use:
        messages.error(
            request,
            _(
                "«%(title)s» brukes av %(count)s tiltak og kan ikke slettes. Fjern den fra "
                "tiltakene først, eller gi den et nytt navn."
            )
            % {"title": topic, "count": in_use.count},
        )
    else:
        messages.success(request, _("«%(title)s» er slettet.") % {"title": topic})
    return redirect("arena:topic-list", slug=arena.slug)


@login_required
def group_list(request, slug):
    perms = staff_perms(request, slug, facilitator_only=is_write(request))
    arena = perms.arena
    move_form = MoveParticipantsForm(request.POST or None, arena=arena)
    if move_form.is_valid():
        group = move_form.cleaned_data["group"]
        count = services.participants_move(
            arena=arena, participants=move_form.cleaned_data["participants"], group=group
        )
        messages.success(
            request,
            _("%(count)s deltakere er flyttet til %(group)s.")
            % {"count": count, "group": group or _("«uten bord»")},
        )
        return redirect("arena:group-list", slug=arena.slug)
    groups = arena.groups.prefetch_related("problem_areas", "members__organisation")
    unassigned = arena.participants.filter(group=None).select_related("organisation")
    context = {
        "arena": arena,
        "perms": perms,
        "groups": groups,
        "unassigned": unassigned,
        "move_form": move_form,
        "group_form": GroupForm(arena=arena),
        "many_form": ManyGroupsForm(),
    }
    return render(request, "arena/group_list.html", context)


@login_required
def group_edit(request, slug, pk=None):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    group = get_object_or_404(arena.groups, pk=pk) if pk else None
    form = GroupForm(request.POST or None, instance=group, arena=arena)
    if form.is_valid() and saved(
        form, lambda: services.setup_save(obj=form.instance, values=form.cleaned_data)
    ):
        messages.success(request, _("Bordet er lagret."))
        return redirect("arena:group-list", slug=arena.slug)
    return render(request, "arena/group_form.html", {"arena": arena, "form": form, "group": group})


@login_required
def group_create_many(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = ManyGroupsForm(request.POST or None)
    if form.is_valid():
        names = form.names()
        created = services.groups_create(arena=arena, names=names)
        skipped = len(names) - len(created)
        message = ngettext(
            "%(count)s bord er lagt til.", "%(count)s bord er lagt til.", len(created)
        )
        if skipped:
            message += " " + ngettext(
                "%(skipped)s fantes fra før.", "%(skipped)s fantes fra før.", skipped
            )
        messages.success(request, message % {"count": len(created), "skipped": skipped})
        return redirect("arena:group-list", slug=arena.slug)
    return render(request, "arena/group_form_many.html", {"arena": arena, "form": form})


@login_required
@require_POST
def group_move(request, slug, pk):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    group = get_object_or_404(arena.groups, pk=pk)
    up = request.POST.get("direction") == "opp"
    once(request, lambda: services.ordered_move(obj=group, up=up))  # a double tap moves one place
    return redirect("arena:group-list", slug=arena.slug)


@login_required
@require_POST
def group_delete(request, slug, pk):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    group = row_or_gone(request, arena, arena.groups, pk)
    if group is None:
        return redirect("arena:group-list", slug=arena.slug)
    tombstones.note(tombstones.arena_scope(arena), group)
    try:
        services.group_delete(group=group)
    except services.InUse:
        messages.error(
            request,
            _("«%(name)s» har deltakere eller tiltak. Flytt dem til et annet bord først.")
            % {"name": group},
        )
    else:
        messages.success(request, _("«%(name)s» er slettet.") % {"name": group})
    return redirect("arena:group-list", slug=arena.slug)

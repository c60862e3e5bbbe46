from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena import checklist, services, tombstones
from arena.access import plans_changeable, staff_arenas, staff_perms, table_seat
from arena.forms import ArenaCreateForm, ArenaForm, ArenaStatusForm, MembershipForm, PlanForm
from arena.models import Arena, join_path, table_join_path
from arena.once import once
from arena.qr import qr_svg
from arena.revisions import arena_revision_bump
from arena.views._common import is_write, row_or_gone, saved


@login_required
def arena_create(request):
    arenas = staff_arenas(request.user)
    initial = {"source": request.GET.get("kopier")}
    form = ArenaCreateForm(request.POST or None, arenas=arenas, initial=initial)
    # The form sent twice (at once or later) makes one arena; the second goes to it.
    done = once(
        request, lambda: _create(request, form), form=form, repeated=_("Arenaen er allerede laget.")
    )
    if done is not None:
        if done.first:
            messages.success(request, _("Arenaen er laget. Fyll inn resten når du er klar."))
        return redirect(done.answer)
    return render(request, "arena/arena_create.html", {"form": form})


def _create(request, form):
    return services.arena_create(creator=request.user, **form.cleaned_data).get_absolute_url()


@login_required
def arena_detail(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    context = {
        "arena": arena,
        "perms": perms,
        "status_form": ArenaStatusForm(initial={"status": arena.status}),
        "plans": arena.plans.prefetch_related("goals"),
        "counts": {
            "sessions": arena.sessions.count(),
            "groups": arena.groups.count(),
            "participants": arena.participants.count(),
            "measures": arena.measures.count(),
        },
        "missing": checklist.setup_missing(arena),
    }
    return render(request, "arena/arena_detail.html", context)


@login_required
def arena_edit(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = ArenaForm(request.POST or None, instance=arena)
    if form.is_valid():
        with transaction.atomic():
            form.save()
            arena_revision_bump(arena_id=arena.pk)  # the wall shows the title
        messages.success(request, _("Endringene er lagret."))
        return redirect(arena)
    return render(request, "arena/arena_form.html", {"arena": arena, "form": form})


@login_required
@require_POST
def arena_status(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = ArenaStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Velg en status fra listen."))
        return redirect(arena)
    status = form.cleaned_data["status"]
    if not form.cleaned_data["confirmed"]:
        context = {
            "arena": arena,
            "status": Arena.Status(status),
            "effects": checklist.status_change_effects(arena, status),
            "resume": arena.resume_session if status == Arena.Status.OPEN else None,
        }
        return render(request, "arena/arena_status_confirm.html", context)
    services.arena_set_status(
        arena=arena, status=status, restart_session=form.cleaned_data["restart_session"]
    )
    messages.success(
        request, _("Status er nå «%(status)s».") % {"status": arena.get_status_display()}
    )
    return redirect(arena)


@login_required
@require_POST
def joincode_regenerate(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    # Once per form: a double tap makes one new code, not two (the first shown dead at once).
    done = once(
        request,
        lambda: services.join_code_regenerate(arena=arena),
        repeated=_("Den nye koden er allerede laget."),
    )
    if done.first:
        messages.success(
            request,
            _("Ny kode: %(code)s. Den gamle koden virker ikke lenger – skriv ut plakaten på nytt.")
            % {"code": arena.join_code_display},
        )
    return redirect(arena)


@login_required
def poster(request, slug):
    arena = staff_perms(request, slug).arena
    link = request.build_absolute_uri(join_path(arena.join_code))
    context = {"arena": arena, "link": link, "qr": qr_svg(link)}
    return render(request, "arena/arena_poster.html", context)


@login_required
def table_posters(request, slug):
    """One QR code per table that joins straight into it (decision 29): facilitators only, since
    a table's link seats whoever opens it."""
    arena = staff_perms(request, slug, facilitator_only=True).arena
    tables = []
    for group in arena.groups.all():
        path = table_join_path(arena.join_code, table_seat(group, arena))
        link = request.build_absolute_uri(path)
        tables.append({"group": group, "link": link, "qr": qr_svg(link)})
    context = {"arena": arena, "tables": tables}
    return render(request, "arena/table_posters.html", context)


@login_required
def membership_list(request, slug):
    perms = staff_perms(request, slug, facilitator_only=is_write(request))
    arena = perms.arena
    form = MembershipForm(request.POST or None)
    if form.is_valid():
        try:
            services.membership_add(arena=arena, **form.cleaned_data)
        except services.InUse:
            form.add_error("role", _("Arenaen må ha minst én fasilitator."))
        else:
            messages.success(
                request, _("%(user)s er lagt til.") % {"user": form.cleaned_data["user"]}
            )
            return redirect("arena:membership-list", slug=arena.slug)
    memberships = arena.memberships.select_related("user")
    return render(
        request,
        "arena/membership_list.html",
        {"arena": arena, "perms": perms, "form": form, "memberships": memberships},
    )


@login_required
@require_POST
def membership_delete(request, slug, pk):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    gone = _("%(name)s er allerede fjernet.")
    membership = row_or_gone(request, arena, arena.memberships, pk, gone=gone)
    if membership is None:
        return redirect("arena:membership-list", slug=arena.slug)
    tombstones.note(tombstones.arena_scope(arena), membership, str(membership.user))
    try:
        services.membership_remove(membership=membership)
    except services.InUse:
        messages.error(request, _("Arenaen må ha minst én fasilitator."))
    else:
        messages.success(request, _("%(user)s er fjernet.") % {"user": membership.user})
    return redirect("arena:membership-list", slug=arena.slug)


@login_required
def plan_list(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    plans = list(arena.plans.with_arena_count().prefetch_related("goals"))
    changeable = plans_changeable(request.user, plans) if perms.can_change_setup else set()
    context = {"arena": arena, "perms": perms, "plans": plans, "changeable": changeable}
    return render(request, "arena/plan_list.html", context)


@login_required
def plan_edit(request, slug, pk=None):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    plan = get_object_or_404(arena.plans, pk=pk) if pk else None
    if plan is not None and plan.pk not in plans_changeable(request.user, [plan]):
        raise Http404  # shared with an arena this person does not run (decision 30)
    form = PlanForm(request.POST or None, instance=plan)
    if form.is_valid() and saved(
        form,
        lambda: services.plan_save(
            arena=arena, plan=plan, values=form.cleaned_data, goals=form.goal_lines()
        ),
    ):
        messages.success(request, _("Planen er lagret."))
        return redirect("arena:plan-list", slug=arena.slug)
    return render(request, "arena/plan_form.html", {"arena": arena, "form": form, "plan": plan})

"""Running the day: the facilitation screen, its controls, and the wall for the projector.

The live parts are fragments that htmx polls every few seconds. Each answers a conditional
GET: the ETag comes from one query of aggregates (`boards.fingerprint`), so an unchanged
board costs a handful of cheap queries and an empty 304.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arena import boards, services
from arena.access import staff_perms
from arena.forms import CurrentSessionForm, ToggleForm

POLL_SECONDS = 5


def _live(request, arena, template, build, **extra):
    """Render a polled fragment, or 304 when nothing it shows has changed."""
    etag = f'"{boards.fingerprint(arena)}-{get_language()}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        context = {"arena": arena, "poll_seconds": POLL_SECONDS, **extra, **build()}
        response = render(request, template, context)
    response["ETag"] = etag
    # Store it, but ask every time: the next poll sends If-None-Match and gets a 304.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@login_required
def facilitation(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    context = {
        "arena": arena,
        "perms": perms,
        "sessions": arena.sessions.all(),
        "poll_seconds": POLL_SECONDS,
        **boards.facilitation_board(arena),
    }
    return render(request, "arena/facilitation.html", context)


@login_required
@require_GET
def facilitation_live(request, slug):
    arena = staff_perms(request, slug).arena
    return _live(
        request,
        arena,
        "arena/_facilitation_board.html",
        lambda: boards.facilitation_board(arena),
    )


@login_required
@require_POST
def session_current(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = CurrentSessionForm(request.POST, arena=arena)
    if form.is_valid():
        session = form.cleaned_data["session"]
        services.session_make_current(arena=arena, session=session)
        if session is None:
            messages.success(request, _("Ingen programpost er aktiv nå."))
        else:
            messages.success(
                request,
                _("Nå: %(title)s. Redigering er %(state)s.")
                % {
                    "title": session.title,
                    "state": _("åpen") if arena.editing_open else _("lukket"),
                },
            )
    return redirect("arena:facilitation", slug=arena.slug)


@login_required
@require_POST
def editing_toggle(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = ToggleForm(request.POST)
    if form.is_valid():
        services.arena_set_editing(arena=arena, open=form.cleaned_data["value"])
        messages.success(
            request,
            _("Deltakerne kan nå lage og endre tiltak.")
            if arena.editing_open
            else _("Redigering er lukket. Deltakerne kan lese, men ikke endre."),
        )
    return redirect("arena:facilitation", slug=arena.slug)


@login_required
@require_POST
def ranking_toggle(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = ToggleForm(request.POST)
    if form.is_valid():
        services.arena_set_ranking_revealed(arena=arena, revealed=form.cleaned_data["value"])
        messages.success(
            request,
            _("Rangeringen vises nå.") if arena.ranking_revealed else _("Rangeringen er skjult."),
        )
    return redirect("arena:facilitation", slug=arena.slug)


def _wall_filters(request, arena):
    """The chosen problem area and table; an unknown id is ignored rather than an error."""

    def pick(queryset, key):
        value = request.GET.get(key, "")
        return queryset.filter(pk=value).first() if value.isdigit() else None

    return pick(arena.problem_areas.all(), "tema"), pick(arena.groups.all(), "bord")


@login_required
def wall(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    problem_area, group = _wall_filters(request, arena)
    context = {
        "arena": arena,
        "perms": perms,
        "poll_seconds": POLL_SECONDS,
        "problem_areas": arena.problem_areas.all(),
        "groups": arena.groups.all(),
        "problem_area": problem_area,
        "group": group,
        "query": request.GET.urlencode(),
        **boards.wall(arena, problem_area=problem_area, group=group),
    }
    return render(request, "arena/wall.html", context)


@login_required
@require_GET
def wall_live(request, slug):
    arena = staff_perms(request, slug).arena
    problem_area, group = _wall_filters(request, arena)
    return _live(
        request,
        arena,
        "arena/_wall_live.html",
        lambda: boards.wall(arena, problem_area=problem_area, group=group),
        query=request.GET.urlencode(),
        problem_area=problem_area,
        group=group,
    )

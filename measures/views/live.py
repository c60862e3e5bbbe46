"""Running the day: the facilitation board and the wall for the projector, the screens that
show the measures as they are written. Their controls (current session, editing, ranking)
are the arena's own, in arena/views/controls.py.

The live parts are fragments that htmx polls every few seconds. Each answers a conditional
GET: the ETag comes from one query of aggregates (`boards.fingerprint`), so an unchanged
board costs a handful of cheap queries and an empty 304.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from arena.access import staff_perms
from measures import boards

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
    return render(request, "measures/facilitation.html", context)


@login_required
@require_GET
def facilitation_live(request, slug):
    arena = staff_perms(request, slug).arena
    return _live(
        request,
        arena,
        "measures/_facilitation_board.html",
        lambda: boards.facilitation_board(arena),
    )


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
    return render(request, "measures/wall.html", context)


@login_required
@require_GET
def wall_live(request, slug):
    arena = staff_perms(request, slug).arena
    problem_area, group = _wall_filters(request, arena)
    return _live(
        request,
        arena,
        "measures/_wall_live.html",
        lambda: boards.wall(arena, problem_area=problem_area, group=group),
        query=request.GET.urlencode(),
        problem_area=problem_area,
        group=group,
    )

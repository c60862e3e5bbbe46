"""Running the day: the facilitation board and the wall for the projector, the screens that
show the measures as they are written. Their controls (current session, editing, ranking)
are the arena's own, in arena/views/controls.py.

The live parts are fragments that htmx polls every few seconds. Each answers a conditional
GET from the arena's revision (`arena.revisions`), read from the arena's row that the access
check has just loaded (decision 61): an unchanged screen costs the access check and an empty
304. A changed one is rendered once per revision, language (and
wall filter) and shared from the cache by every screen that asks (`_fragment`).
"""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from arena.access import staff_perms
from measures import boards, services
from measures.models import Room

POLL_SECONDS = 5
# A rendered board lives as long as its revision is the newest, up to this long; the wall's
# fragment only as long as a new measure is marked new on it.
FRAGMENT_SECONDS = {
    "board": 10 * 60,
    "wall": int(boards.NEW_ON_WALL.total_seconds()),
    "projector": int(boards.NEW_ON_WALL.total_seconds()),
}


def _fragment(arena, kind, template, build, *, revision, variant="", **extra):
    """The fragment's HTML for this revision and language, rendered by the first screen that
    asks for it and read from the cache by every other."""
    key = f"live:{kind}:{arena.pk}:{revision}:{get_language()}:{variant}"
    html = cache.get(key)
    if html is None:
        context = {"arena": arena, "poll_seconds": POLL_SECONDS, "revision": revision}
        context.update(**extra, **build())
        html = render_to_string(template, context)
        cache.set(key, html, FRAGMENT_SECONDS[kind])
    return html


def _live(request, arena, kind, template, build, *, variant="", **extra):
    """Answer a poll: 304 while the arena's revision is the one the screen has, else the
    (shared) fragment."""
    revision = arena.revision
    etag = f'"{kind}-{revision}-{get_language()}-{variant}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        html = _fragment(arena, kind, template, build, revision=revision, variant=variant, **extra)
        response = HttpResponse(html)
    response["ETag"] = etag
    # Store it, but ask every time: the next poll sends If-None-Match and gets a 304.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@login_required
def facilitation(request, slug):
    perms = staff_perms(request, slug)
    arena = perms.arena
    board = _fragment(
        arena,
        "board",
        "measures/_facilitation_board.html",
        lambda: boards.facilitation_board(arena),
        revision=arena.revision,
    )
    sessions = list(arena.sessions.all())
    context = {
        "arena": arena,
        "perms": perms,
        "sessions": sessions,
        "current_session": next((s for s in sessions if s.is_current), None),
        "board": board,
        "room": services.room_of(arena),
        "room_modes": Room.Mode.choices,
    }
    return render(request, "measures/facilitation.html", context)


@login_required
@require_GET
def facilitation_live(request, slug):
    arena = staff_perms(request, slug).arena
    return _live(
        request,
        arena,
        "board",
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
    query = _wall_query(problem_area, group)
    live = _fragment(
        arena,
        "wall",
        "measures/_wall_live.html",
        lambda: boards.wall(arena, problem_area=problem_area, group=group),
        revision=arena.revision,
        variant=query,
        query=query,
        problem_area=problem_area,
        group=group,
    )
    context = {
        "arena": arena,
        "perms": perms,
        "problem_areas": arena.problem_areas.all(),
        "groups": arena.groups.all(),
        "problem_area": problem_area,
        "group": group,
        "live": live,
    }
    return render(request, "measures/wall.html", context)


@login_required
@require_GET
def wall_live(request, slug):
    arena = staff_perms(request, slug).arena
    problem_area, group = _wall_filters(request, arena)
    query = _wall_query(problem_area, group)
    return _live(
        request,
        arena,
        "wall",
        "measures/_wall_live.html",
        lambda: boards.wall(arena, problem_area=problem_area, group=group),
        variant=query,
        query=query,
        problem_area=problem_area,
        group=group,
    )


def _wall_query(problem_area, group):
    """The wall's filter as its poll URL carries it; only the known values, so that any other
    query string shares the unfiltered fragment."""
    params = [("tema", problem_area), ("bord", group)]
    return "&".join(f"{name}={obj.pk}" for name, obj in params if obj is not None)

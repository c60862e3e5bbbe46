"""The projector and the room (decisions 40 and 41): the projected page, which shows no site
chrome and no controls, the facilitator's controls of it on the facilitation screen, and the
phones' cheap poll of the countdown and the facilitator's message.

The projected page polls its fragment like the wall does (`live._live`): a 304 while the
arena's revision is unchanged, else the fragment of this revision from the cache.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arena.access import room_access, staff_perms
from arena.models import join_path
from arena.qr import qr_svg
from measures import boards, room_feed, services
from measures.forms_room import BroadcastForm, ProjectorForm
from measures.views.live import _fragment, _live

TEMPLATE = "measures/_projector_live.html"


def _build(arena):
    return lambda: boards.projector(arena)


@login_required
def projector(request, slug):
    arena = staff_perms(request, slug).arena
    link = request.build_absolute_uri(join_path(arena.join_code))
    live = _fragment(arena, "projector", TEMPLATE, _build(arena), revision=arena.revision)
    context = {
        "arena": arena,
        "link": link,
        "short_link": link.split("://", 1)[-1].rstrip("/"),
        "qr": qr_svg(link),
        "live": live,
        "server_now": int(timezone.now().timestamp() * 1000),
    }
    return render(request, "measures/projector.html", context)


@login_required
@require_GET
def projector_live(request, slug):
    arena = staff_perms(request, slug).arena
    return _live(request, arena, "projector", TEMPLATE, _build(arena))


@login_required
@require_POST
def projector_control(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = ProjectorForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        text = data["screen_message"] if "screen_message" in request.POST else None
        room = services.room_change(
            arena=arena, mode=data["mode"] or None, step=data["step"], screen_message=text
        )
        messages.success(
            request, _("Projektoren viser nå: %(mode)s.") % {"mode": room.get_mode_display()}
        )
    return redirect("measures:facilitation", slug=arena.slug)


@login_required
@require_POST
def broadcast(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = BroadcastForm(request.POST)
    if form.is_valid():
        text = form.cleaned_data["text"].strip()
        services.room_broadcast(arena=arena, text=text)
        messages.success(
            request,
            _("Meldingen er sendt til alle telefoner.") if text else _("Meldingen er fjernet."),
        )
    return redirect("measures:facilitation", slug=arena.slug)


@require_GET
def room_state(request, slug):
    """The phones' poll: the token is the credential, so no session and no query is read."""
    arena_id = room_access(request.GET.get("t"), slug=slug)
    etag, body = room_feed.room_state(arena_id=arena_id)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response

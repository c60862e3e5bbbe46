"""The participant's home in the arena: what is on now, the measures of their own table (kept
live by a cheap poll) and a compact list of every measure; the full cards of all measures,
with filters, are on the list page (`gallery.measure_list`), a page at a time."""

import time

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from arena.access import participant_perms
from arena.models import ProgramSession
from measures import cards
from measures.editor_feed import group_stamp
from measures.models import Measure

# Seconds between "Vårt bord" polls. A poll is a 304 from the session and one cache read unless
# a card of the table changed (measures.editor_feed.table_cards_touch); 300 phones on their home
# page make 100 polls/s at most.
OURS_POLL_SECONDS = 3
# What changes a card without touching the table's stamp (a renamed table, a path we missed)
# shows within this many seconds: the ETag carries the time in such buckets.
OURS_STALE_SECONDS = 60


def _ours(perms, ours, html):
    """The context of "Vårt bord": the table's measures as cached cards."""
    return {
        "arena": perms.arena,
        "participant": perms.participant,
        "ours": cards.as_items(html),
        "has_ours": bool(ours),
        "poll_seconds": OURS_POLL_SECONDS,
    }


def arena_home(request, slug):
    perms = participant_perms(request, slug)
    arena, participant = perms.arena, perms.participant
    measures = cards.rows(Measure.objects.filter(arena=arena))
    ours = [m for m in measures if perms.is_member(m)]
    ours_html, compact = cards.card_lists([("home", ours), ("compact", measures)], arena=arena)
    context = {
        **_ours(perms, ours, ours_html),
        "perms": perms,
        "session": ProgramSession.objects.filter(arena=arena, is_current=True).first(),
        "compact": cards.as_items(compact),
        "link_hint": request.session.pop("show_link_hint", False),
        "resume_url": request.build_absolute_uri(
            reverse("participants:resume", kwargs={"token": participant.resume_token})
        ),
    }
    return render(request, "measures/arena_home.html", context)


@require_GET
def arena_home_ours(request, slug):
    """The "Vårt bord" cards, polled: 304 while no card of the table changed."""
    perms = participant_perms(request, slug)
    group = perms.participant.group_id
    stamp = group_stamp(group) if group else 0
    bucket = int(time.time() // OURS_STALE_SECONDS)
    etag = f'"ours-{stamp}-{bucket}-{group}-{get_language()}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        ours = []
        if perms.has_group:
            ours = list(cards.light(Measure.objects.filter(arena=perms.arena, group=group)))
        context = _ours(perms, ours, cards.cards("home", ours, arena=perms.arena))
        response = HttpResponse(render_to_string("measures/_home_ours.html", context))
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response

"""`{% room_bar perms %}`: the countdown and the facilitator's message on a participant page."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from arena.access import room_token
from measures.room_feed import POLL_SECONDS

register = template.Library()


@register.inclusion_tag("measures/_room_bar.html")
def room_bar(perms):
    """No query: the poll URL carries a signed token, and room.js fills the bar."""
    arena = perms.arena
    token = room_token(arena=arena, participant=perms.participant)
    url = reverse("measures:room-state", kwargs={"slug": arena.slug})
    return {"room_url": f"{url}?{urlencode({'t': token})}", "poll_seconds": POLL_SECONDS}

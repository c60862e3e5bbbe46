"""The phones' room poll: the current session's countdown and the facilitator's message
(decision 41).

Every participant page asks every few seconds. The answer is made once per arena revision
(two queries: the current session and the room) and kept in the shared cache; its ETag is a
digest of the body, so a phone that has it gets a 304 even when the revision moved for a
change that is not shown here (an autosave). A poll with a valid token thus costs the
revision read and the body read from the cache, and no query.
"""

import hashlib
import json

from django.core.cache import cache

from arena.models import ProgramSession
from arena.revisions import arena_revision
from measures.models import Room

STATE_SECONDS = 60
POLL_SECONDS = 5


def _payload(arena_id):
    session = (
        ProgramSession.objects.filter(arena_id=arena_id, is_current=True)
        .only("title", "timer_ends_at", "timer_left")
        .first()
    )
    room = Room.objects.filter(arena_id=arena_id).only("phone_message", "phone_message_at").first()
    timer = None
    if session is not None and (session.timer_ends_at or session.timer_left is not None):
        ends = session.timer_ends_at
        timer = {
            "title": session.title,
            "ends": int(ends.timestamp() * 1000) if ends else None,
            "left": session.timer_left,
        }
    message = None
    if room is not None and room.phone_message:
        message = {"id": room.phone_message_at.isoformat(), "text": room.phone_message}
    return {"timer": timer, "message": message}


def room_state(*, arena_id):
    """(etag, JSON body) of the arena's room state at its current revision."""
    key = f"room:{arena_id}:{arena_revision(arena_id)}"
    found = cache.get(key)
    if found is None:
        body = json.dumps(_payload(arena_id), separators=(",", ":"))
        digest = hashlib.md5(body.encode(), usedforsecurity=False).hexdigest()[:16]
        found = (f'"room-{digest}"', body)
        cache.set(key, found, STATE_SECONDS)
    return found

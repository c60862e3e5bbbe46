"""The phones' room poll (`measures:room-state`, decision 41): like the editor feed, the page's
signed token is the credential, not the session, so the answer is the same for every persona.
No token, or a token for another arena: 404 for everyone."""

from arena.access import room_token
from tests.permission_cases import Case, everyone


def _slug(world):
    return {"slug": world.arena.slug}


def _token(arena_name):
    def data(world):
        # The token names only the participant's id; any will do.
        participant = world.participant_a
        return {"t": room_token(arena=getattr(world, arena_name), participant=participant)}

    return data


CASES = [
    Case("measures:room-state", everyone(404), kwargs=_slug),
    Case(
        "measures:room-state",
        everyone(200),
        kwargs=_slug,
        data=_token("arena"),
        label="token",
    ),
    Case(
        "measures:room-state",
        everyone(404),
        kwargs=_slug,
        data=_token("other_arena"),
        label="other-arena-token",
    ),
    Case(
        "measures:room-state",
        everyone(405),
        method="post",
        kwargs=_slug,
        data=_token("arena"),
    ),
]

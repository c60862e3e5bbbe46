"""The editor's changes feed (`measures:measure-changes`, decision 15): the page's signed token is
the credential, not the session, so it is the same for every persona. No token, a token for
another measure or another arena's measure: 404 for everyone, members of the table included.
"""

from arena.access import editor_feed_token
from tests.permission_cases import Case, everyone, wrong_arena


def _measure_a(world):
    return {"slug": world.arena.slug, "pk": world.measure_a.pk}


def _token(measure_name):
    def data(world):
        measure = getattr(world, measure_name)
        token = editor_feed_token(measure=measure, participant=world.participant_a)
        return {"since": 0, "t": token}

    return data


CASES = [
    Case("measures:measure-changes", everyone(404), kwargs=_measure_a),
    Case(
        "measures:measure-changes",
        everyone(404),
        kwargs=_measure_a,
        data=_token("measure_b"),
        label="other-measure-token",
    ),
    Case(  # whoever holds the page's token reads the feed (it names who polls, for presence)
        "measures:measure-changes",
        everyone(200),
        kwargs=_measure_a,
        data=_token("measure_a"),
        label="token",
    ),
    wrong_arena(
        "measures:measure-changes",
        lambda world: {"slug": world.arena.slug, "pk": world.measure_other_arena.pk},
        data=_token("measure_a"),
    ),
]

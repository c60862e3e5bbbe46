"""What was deleted a moment ago, so that asking to delete it again is told so (decision 63).

A double tap on «Slett», a reload of the answer, or two facilitators deleting the same table
at once: the second request finds no row. It must not answer 404 to the person who was right
a second ago, nor may a row of another arena or another user start to answer differently from
one that never existed. So a delete first leaves a note in the shared cache (every worker sees
it), in a scope only those who could delete the row reach: the arena (`arena:<pk>`) or the
user (`user:<pk>`). The note holds the row's name and lasts as long as a staff session.
"""

from django.conf import settings
from django.core.cache import cache


def _key(scope, model, pk):
    return f"deleted:{scope}:{model._meta.label_lower}:{pk}"


def note(scope, obj, label=None):
    """Before deleting `obj`: remember that it goes. Written before the delete, so that a
    request that finds the row gone always finds the note too."""
    name = str(obj) if label is None else label
    cache.set(_key(scope, type(obj), obj.pk), name, settings.STAFF_SESSION_SECONDS)


def noted(scope, model, pk):
    """The name of `model`'s row `pk` if it was deleted in `scope` lately, else None."""
    return cache.get(_key(scope, model, pk))


def arena_scope(arena):
    return f"arena:{arena.pk}"


def user_scope(user):
    return f"user:{user.pk}"

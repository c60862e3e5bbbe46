"""One number per arena that changes with everything its live screens show.

The board, the wall and the participants' "Vårt bord" answer their polls with a 304 as long
as this number has not moved: one cache read, no scan of history, no aggregate. Every write
that a live screen shows calls `arena_revision_bump` inside its own transaction, so the
number and the data commit (or roll back) together.

The cached copy is dropped when the bump happens and when it commits, and lives only
`CACHE_SECONDS`, so a reader
that fetched the old number just before a commit and cached it after is wrong for at most
that long; a missing or lost cache costs one indexed one-row query.

Where the shared cache is itself a table of this database (`AtomicDatabaseCache`, the
fallback without Redis), the number is read from the arena's row instead: a cache read would
be a query as well, and the one cache row that every write deletes (inside its transaction)
and every poll writes back would serialise all of the arena's writes and polls on its lock.
"""

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from arena.cache import shared_cache_is_table
from arena.models import Arena

CACHE_SECONDS = 5


def _key(arena_id):
    return f"arena-rev:{arena_id}"


def arena_revision_bump(*, arena_id):
    """Count one change of the arena; call it last in the write's transaction (the update
    holds the arena row's lock until the commit, so keep that short)."""
    if connection.vendor == "postgresql":
        # Django's foreign keys are checked at COMMIT, and a check locks the row it points at
        # (FOR KEY SHARE). A comment's check of its measure at COMMIT, after this arena lock,
        # waits for an autosave that has locked that measure and now waits for this arena
        # row: a deadlock. Checking them now takes those row locks before the arena's. The
        # three statements go in one round trip (decision 55): every write of the app ends so.
        table = connection.ops.quote_name(Arena._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                "SET CONSTRAINTS ALL IMMEDIATE; "
                f"UPDATE {table} SET revision = revision + 1, updated_at = %s WHERE id = %s; "
                "SET CONSTRAINTS ALL DEFERRED",  # Django's default again
                [timezone.now(), arena_id],
            )
    else:
        Arena.objects.filter(pk=arena_id).update(
            revision=F("revision") + 1, updated_at=timezone.now()
        )
    if not _cached():
        return
    # Dropped now (this transaction reads its own new number) and again once the new number
    # is visible to everyone: a reader may have cached the old one in between.
    cache.delete(_key(arena_id))
    transaction.on_commit(lambda: cache.delete(_key(arena_id)))


def arena_revision(arena_id):
    """The arena's revision, from the cache or one one-row query."""
    key = _key(arena_id)
    revision = cache.get(key) if _cached() else None
    if revision is None:
        revision = Arena.objects.filter(pk=arena_id).values_list("revision", flat=True).first()
        if revision is None:
            return 0
        if _cached():
            cache.set(key, revision, CACHE_SECONDS)
    return revision


def _cached():
    """Whether the revision goes through the cache: not when the cache is a database table."""
    return not shared_cache_is_table()

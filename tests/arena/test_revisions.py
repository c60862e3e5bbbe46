"""The arena's revision number, with the suite's in-memory cache and with the database table
that deployments without Redis use as the shared cache."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from arena.revisions import arena_revision, arena_revision_bump
from tests import factories

DB_CACHE = {"BACKEND": "arena.cache.AtomicDatabaseCache", "LOCATION": "ta_cache"}


@pytest.fixture
def database_cache(settings, db):
    settings.CACHES = {**settings.CACHES, "default": DB_CACHE}
    call_command("createcachetable", verbosity=0)
    caches["default"].clear()
    return caches["default"]


def _cache_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM ta_cache")
        return [row[0] for row in cursor.fetchall()]


def test_the_revision_is_cached_in_memory_and_dropped_by_a_bump(db):
    arena = factories.ArenaFactory()
    first = arena_revision(arena.pk)
    with CaptureQueriesContext(connection) as cached:
        assert arena_revision(arena.pk) == first
    assert len(cached) == 0
    with transaction.atomic():
        arena_revision_bump(arena_id=arena.pk)
    assert arena_revision(arena.pk) == first + 1


def test_with_the_database_cache_the_revision_is_read_from_the_arena_row(database_cache):
    """No cache row for the revision: every write would lock it inside its transaction and
    every poll would write it back, so the arena's writes and polls would queue on one row."""
    arena = factories.ArenaFactory()
    first = arena_revision(arena.pk)
    with CaptureQueriesContext(connection) as read:
        assert arena_revision(arena.pk) == first
    assert len(read) == 1
    assert "arena_arena" in read[0]["sql"]
    with transaction.atomic():
        arena_revision_bump(arena_id=arena.pk)
        assert arena_revision(arena.pk) == first + 1  # the writer sees its own new number
    assert arena_revision(arena.pk) == first + 1
    assert not [key for key in _cache_rows() if "arena-rev" in key]

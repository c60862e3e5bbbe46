"""The shared cache's backends: Django's database cache with an increment that two workers
cannot interleave, and Django's Redis cache with one client per server instead of one per call.

Django's `DatabaseCache.incr` reads the value and writes it back, so two workers counting the
same wrong join code at once may both write 4 where 5 was due, and a burst from parallel
connections slips past a rate limit. Here the row is locked (`SELECT … FOR UPDATE` on
PostgreSQL; SQLite's immediate transactions serialise writers anyway) between the read and
the write. Everything else is Django's own.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connections, models, router, transaction
from django.utils.timezone import now


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)
        lock = connection.ops.for_update_sql() if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('value')}, {quote('expires')} FROM {table} "
                f"WHERE {quote('cache_key')} = %s {lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or _expires(row[1], connection) < now():
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode())) + delta
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = %s WHERE {quote('cache_key')} = %s",
                [pickled, key],
            )
        return value


def _expires(value, connection):
    """The stored expiry as an aware datetime, converted as Django's `get_many` does."""
    expression = models.Expression(output_field=models.DateTimeField())
    converters = connection.ops.get_db_converters(expression)
    for converter in converters + expression.get_db_converters(connection):
        value = converter(value, expression, connection)
    return value


def shared_cache_is_table():
    """Whether the shared cache is a table of the database (the fallback without Redis): then a
    cache read is a query too, and caching one indexed row in it saves nothing."""
    from django.core.cache import caches
    from django.core.cache.backends.db import BaseDatabaseCache

    return isinstance(caches["default"], BaseDatabaseCache)


class _ReusedRedisClient(RedisCacheClient):
    """Django builds a `redis.Redis` for every cache call, and its constructor copies redis-py's
    table of response callbacks each time: ~0.1 ms of CPU per call, several calls per request
    (session, role, fragments). The client is thread-safe and holds only its connection pool,
    so one per pool serves the process (decision 61)."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedRedisClient

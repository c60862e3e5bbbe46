"""The Redis cache keeps one client per connection pool (arena/cache.py, decision 61)."""

from arena.cache import SharedRedisCache


def test_every_call_reuses_the_client_of_its_pool():
    cache = SharedRedisCache("redis://127.0.0.1:1/0", {})  # no command is sent
    first = cache._cache.get_client("a")
    assert cache._cache.get_client("b", write=True) is first
    assert first.connection_pool is cache._cache._get_connection_pool(write=False)


def test_each_server_has_its_own_client():
    cache = SharedRedisCache("redis://127.0.0.1:1/0,redis://127.0.0.1:2/0", {})
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client(write=False)
    assert writer is not reader
    assert reader.connection_pool.connection_kwargs["port"] == 2

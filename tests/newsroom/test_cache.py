"""The Redis cache backend (newsroom/cache.py) reuses one client for every operation."""

from newsroom.cache import RedisCache


def test_every_operation_uses_the_same_redis_client():
    """Reads and writes get the same client for the server's pool, without connecting."""
    cache = RedisCache("redis://127.0.0.1:6379/9", {})
    client = cache._cache.get_client("newsroom:a")
    assert cache._cache.get_client("newsroom:b", write=True) is client
    assert client.connection_pool is cache._cache._get_connection_pool(write=False)


def test_servers_each_keep_their_own_client():
    """With a primary and a replica, reads may go to either and writes to the primary, each
    through its own client."""
    cache = RedisCache("redis://127.0.0.1:6379/9,redis://127.0.0.1:6380/9", {})
    writer = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is writer
    reader = cache._cache.get_client()
    assert reader is not writer
    assert reader.connection_pool.connection_kwargs["port"] == 6380

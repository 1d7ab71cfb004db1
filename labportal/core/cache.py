"""Django's Redis cache backend, with one Redis client per connection pool.

Django builds a new `redis.Redis` object for every cache call, and each fills a table of ~170
response callbacks: about 0.1 ms of CPU per call, and a signed-in page makes several (session,
fragment generation, fragments, unread count). A `redis.Redis` object only borrows connections
from its pool, so one per pool serves every thread.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

"""Django's Redis cache backend, with one Redis client per connection pool, and a Redis that
does not answer taken as an empty cache.

Django builds a new `redis.Redis` object for every cache call, and each fills a table of ~170
response callbacks: about 0.1 ms of CPU per call, and a signed-in page makes several (session,
fragment generation, fragments, unread count). A `redis.Redis` object only borrows connections
from its pool, so one per pool serves every thread.

The cache only saves work: sessions are also in the database (`cached_db`), and fragments and
counts can be built again. So while Redis is down or restarting, reads miss and writes are
dropped (with a warning in the log at most once a minute), and the portal keeps serving pages.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
WARN_EVERY = 60.0  # seconds
_last_warning = 0.0


def _warn(operation: str, error: Exception) -> None:
    global _last_warning  # one clock per process is enough for a log limit
    now = time.monotonic()
    if now - _last_warning >= WARN_EVERY:
        _last_warning = now
        logger.warning("Redis cache unavailable (%s): %s; serving without it", operation, error)


DOWN = (RedisConnectionError, RedisTimeoutError)


def _tolerant(answer_when_down):
    """Run the cache operation; while Redis does not answer, give `answer_when_down` (a
    constant: None or False)."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except DOWN as error:
                _warn(method.__name__, error)
                return answer_when_down

        return wrapper

    return decorate


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

    def get(self, key, default):
        try:
            return super().get(key, default)
        except DOWN as error:
            _warn("get", error)
            return default

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except DOWN as error:
            _warn("get_many", error)
            return {}

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except DOWN as error:
            _warn("incr", error)
            raise ValueError(f"Key {key!r} not found: Redis does not answer.") from error

    has_key = _tolerant(False)(RedisCacheClient.has_key)
    add = _tolerant(False)(RedisCacheClient.add)
    set = _tolerant(None)(RedisCacheClient.set)
    set_many = _tolerant(None)(RedisCacheClient.set_many)
    touch = _tolerant(False)(RedisCacheClient.touch)
    delete = _tolerant(False)(RedisCacheClient.delete)
    delete_many = _tolerant(None)(RedisCacheClient.delete_many)


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

"""Circuit breakers for Redis: after a call that found Redis down or silent, stop asking it for
a short while, so that a page pays at most one timeout, not one per cache call.

One breaker per process and purpose (the cache, the broker). Closed: every call goes through.
A connection error or timeout opens it for `cool_down` seconds: calls fail at once. Then one
call (one thread) may try again; its success closes the breaker, its failure opens it anew.

Redis connections of the cache use `GuardedConnection` (settings: CACHES' pool
`connection_class`), so every cache call passes the cache breaker; `labportal.jobs` asks the
broker breaker before it publishes.
"""

import threading
import time

import redis


class Breaker:
    def __init__(self, name: str, cool_down: float = 10.0) -> None:
        self.name = name
        self.cool_down = cool_down
        self.outages = 0  # how many times it opened; `fragments` moves on after each one
        self._open_until = 0.0
        self._is_open = False
        self._prober: int | None = None  # the thread trying again, while open
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._is_open

    def allow(self) -> bool:
        """May a call go to Redis now?"""
        if not self._is_open:
            return True
        me = threading.get_ident()
        with self._lock:
            if self._prober == me:
                return True
            if self._prober is not None or time.monotonic() < self._open_until:
                return False
            self._prober = me  # this thread tries; the others keep failing fast
            return True

    def succeeded(self) -> None:
        if self._is_open:
            with self._lock:
                self._is_open, self._prober = False, None

    def failed(self) -> None:
        with self._lock:
            if not self._is_open:
                self.outages += 1
            self._is_open, self._prober = True, None
            self._open_until = time.monotonic() + self.cool_down

    def reset(self) -> None:
        with self._lock:
            self._is_open, self._prober = False, None
            self._open_until = 0.0


CACHE = Breaker("cache")
BROKER = Breaker("broker")

_FAILURES = (redis.ConnectionError, redis.TimeoutError, OSError)


class BreakerOpen(redis.ConnectionError):
    """Redis failed a moment ago; this call was not sent."""


class GuardedConnection(redis.Connection):
    """A redis-py connection that asks the cache breaker before it sends and tells it how the
    answer went."""

    breaker = CACHE

    def _ask(self) -> None:
        if not self.breaker.allow():
            raise BreakerOpen(f"Redis ({self.breaker.name}) did not answer a moment ago")

    def connect(self, *args, **kwargs):
        self._ask()
        try:
            return super().connect(*args, **kwargs)
        except _FAILURES:
            self.breaker.failed()
            raise

    def send_packed_command(self, command, check_health=True):
        self._ask()
        try:
            return super().send_packed_command(command, check_health)
        except _FAILURES:
            self.breaker.failed()
            raise

    def read_response(self, *args, **kwargs):
        try:
            response = super().read_response(*args, **kwargs)
        except _FAILURES:
            self.breaker.failed()
            raise
        self.breaker.succeeded()
        return response

"""Logging filters."""

import logging
import time


class RateLimitFilter(logging.Filter):
    """Let one record through per `seconds` per logger, and drop the rest.

    For loggers that repeat one message on every call while something is down (django-redis
    logs each cache call that Redis did not answer): one line a minute says as much.
    """

    def __init__(self, seconds: float = 60.0):
        super().__init__()
        self.seconds = seconds
        self.last_passed: dict[str, float] = {}  # logger name -> time.monotonic()

    def filter(self, record: logging.LogRecord) -> bool:
        # Without a lock, threads racing at the turn of a minute may let a second record
        # through: harmless for a log limit.
        now = time.monotonic()
        last = self.last_passed.get(record.name)
        if last is not None and now - last < self.seconds:
            return False
        self.last_passed[record.name] = now
        return True

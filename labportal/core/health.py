"""Readiness checks for /healthz: the database must answer; the broker and the age of the oldest
unfinished background job are reported."""

from django.conf import settings
from django.db import connection


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def broker_status() -> str:
    """'ok', 'down', or 'embedded' when no broker is configured (tasks run eagerly)."""
    if not settings.REDIS_URL:
        return "embedded"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        return "ok" if client.ping() else "down"
    except redis.RedisError:
        return "down"


def oldest_job_seconds() -> int | None:
    """Seconds the oldest waiting or running job has waited (None: none, or no database)."""
    from labportal.jobs.services import oldest_unfinished_age

    try:
        age = oldest_unfinished_age()
    except Exception:
        return None
    return None if age is None else round(age)

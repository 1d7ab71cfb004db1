"""The cache layer: the Redis backend's client reuse, fragment generations, the unread count."""

import logging
import os

import pytest
from django.urls import reverse
from django_redis.cache import RedisCache

from labportal.core import fragments
from labportal.core.logging import RateLimitFilter
from labportal.notifications.services import notifications_create, notifications_mark_read

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(location: str) -> RedisCache:
    return RedisCache(location, {"KEY_PREFIX": "labportal-test-cache"})


def test_one_redis_client_serves_every_call():
    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set: no real Redis to talk to")
    cache = redis_cache(REDIS_URL)
    client = cache.client.get_client(write=False)
    assert cache.client.get_client(write=True) is client
    cache.set("probe", {"n": 1}, 30)
    assert cache.get("probe") == {"n": 1}
    cache.set("counter-probe", 1, 30)
    assert cache.incr("counter-probe") == 2
    cache.delete_many(["probe", "counter-probe"])
    assert cache.get("probe") is None
    assert cache.client.get_client(write=True) is client


def test_a_new_server_start_begins_a_new_generation():
    before = fragments.generation()
    fragments.start_new_generation()
    assert fragments.generation() != before


DOWN = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # port 1 refuses: a real failure, not a stand-in
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
}


def test_a_redis_that_does_not_answer_is_an_empty_cache(settings, caplog, monkeypatch):
    logger = logging.getLogger(settings.DJANGO_REDIS_LOGGER)
    # (A test that configures logging again, such as one starting a Celery worker, adds the
    # filter once more: each copy starts afresh.)
    limits = [f for f in logger.filters if isinstance(f, RateLimitFilter)]
    assert limits
    for once_a_minute in limits:
        monkeypatch.setattr(once_a_minute, "last_passed", {})  # log now, whatever ran before
    settings.CACHES = DOWN
    from django.core.cache import cache

    with caplog.at_level(logging.WARNING, logger=logger.name):
        fragments.start_new_generation()
        fragments.invalidate()
        cache.set("probe", 1)
        assert cache.get("probe", "missing") == "missing"
        assert not cache.add("probe", 1)
        assert cache.get_many(["probe"]) == {}
        assert cache.incr("probe") is None  # no number, and no error for the caller
    logged = [record for record in caplog.records if record.name == logger.name]
    assert len(logged) == 1  # one line for all the calls Redis did not answer
    assert "Connection refused" in caplog.text


def test_the_redis_warning_comes_at_most_once_a_minute(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("labportal.core.logging.time.monotonic", lambda: clock[0])
    once_a_minute = RateLimitFilter(seconds=60)

    def passes(name: str) -> bool:
        return once_a_minute.filter(logging.makeLogRecord({"name": name}))

    assert passes("django_redis.cache")
    assert passes("another.logger")
    clock[0] += 59
    assert not passes("django_redis.cache")
    clock[0] += 1
    assert passes("django_redis.cache")


def test_pages_are_served_while_redis_is_down(settings, client_for, staff_user):
    from tests.factories import ExperimentFactory

    experiment = ExperimentFactory(title="Læring i fællesskab")
    settings.CACHES = DOWN
    client = client_for(staff_user)  # the session is kept in the database as well
    for _ in range(2):
        page = client.get(reverse("experiments:list"))
        assert page.status_code == 200
        assert "Læring i fællesskab" in page.content.decode()
        assert client.get(experiment.get_absolute_url()).status_code == 200


def test_the_unread_badge_follows_new_and_read_notifications(client_for, staff_user):
    client = client_for(staff_user)
    dashboard = reverse("core:dashboard")
    assert "count-badge" not in client.get(dashboard).content.decode()

    notifications_create(recipients=[staff_user], render=lambda: ("Emne", "Tekst"))
    notifications_create(recipients=[staff_user], render=lambda: ("Emne 2", "Tekst"))
    assert (
        '<span class="count-badge" aria-hidden="true">2</span>'
        in client.get(dashboard).content.decode()
    )

    notifications_mark_read(user=staff_user)
    assert "count-badge" not in client.get(dashboard).content.decode()


def test_an_edited_file_under_the_development_server_begins_a_new_generation(tmp_path):
    from django.utils.autoreload import file_changed

    before = fragments.generation()
    file_changed.send(sender=None, file_path=tmp_path / "list.html")
    assert fragments.generation() != before


def test_a_request_reads_the_generation_once(db):  # request_finished closes old connections
    """Several fragments on one page share one read; another process's move shows from the
    next request on, and this request's own writes show at once."""
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started

    request_started.send(sender=None)
    seen = fragments.generation()
    cache.set(fragments.GENERATION_KEY, seen + 100)  # another process moved it on
    assert fragments.generation() == seen
    fragments.invalidate()  # this request wrote something
    assert fragments.generation() == seen + 101
    request_finished.send(sender=None)
    cache.set(fragments.GENERATION_KEY, seen + 200)
    assert fragments.generation() == seen + 200  # outside a request: read every time

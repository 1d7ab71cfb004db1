"""The cache layer: the Redis backend's client reuse, fragment generations, the unread count."""

import logging
import os

import pytest
from django.urls import reverse

from labportal.core import cache as portal_cache
from labportal.core import fragments
from labportal.core.cache import PortalRedisCache
from labportal.notifications.services import notifications_create, notifications_mark_read

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(location: str) -> PortalRedisCache:
    return PortalRedisCache(location, {"KEY_PREFIX": "labportal-test-cache"})


def test_one_redis_client_serves_every_call():
    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set: no real Redis to talk to")
    cache = redis_cache(REDIS_URL)
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("probe", {"n": 1}, 30)
    assert cache.get("probe") == {"n": 1}
    cache.set("counter-probe", 1, 30)
    assert cache.incr("counter-probe") == 2
    cache.delete_many(["probe", "counter-probe"])
    assert cache.get("probe") is None


def test_a_new_server_start_begins_a_new_generation():
    before = fragments.generation()
    fragments.start_new_generation()
    assert fragments.generation() != before


DOWN = {
    "default": {
        "BACKEND": "labportal.core.cache.PortalRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # port 1 refuses: a real failure, not a stand-in
    }
}


def test_a_redis_that_does_not_answer_is_an_empty_cache(settings, caplog, monkeypatch):
    monkeypatch.setattr(portal_cache, "_last_warning", float("-inf"))  # warn now, whatever ran
    settings.CACHES = DOWN
    from django.core.cache import cache

    with caplog.at_level(logging.WARNING, logger="labportal.core.cache"):
        fragments.start_new_generation()
        cache.set("probe", 1)
        assert cache.get("probe", "missing") == "missing"
        assert cache.add("probe", 1) is False
        assert cache.get_many(["probe"]) == {}
        with pytest.raises(ValueError, match="does not answer"):
            cache.incr("probe")
    assert "Redis cache unavailable" in caplog.text


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

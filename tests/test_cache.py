"""The cache layer: the Redis backend's client reuse, fragment generations, the unread count."""

import logging
import os

import pytest
from django.urls import reverse

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


def test_a_cache_that_does_not_answer_does_not_stop_the_server(settings, caplog):
    """Port 1 on loopback refuses connections: a real failure, not a stand-in."""
    settings.CACHES = {
        "default": {
            "BACKEND": "labportal.core.cache.PortalRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with caplog.at_level(logging.WARNING, logger="labportal.core.fragments"):
        fragments.start_new_generation()
    assert "Could not start a new fragment generation" in caplog.text


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

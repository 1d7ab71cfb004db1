"""Shared fixtures: one signed-in person per role."""

import pytest
from django.core.cache import cache

from labportal.accounts.enums import Role
from tests.factories import UserFactory

ROLE_USERS = {
    "staff": [Role.STAFF],
    "strategic": [Role.STAFF, Role.STRATEGIC],
    "leader": [Role.STAFF, Role.LEADER],
    "administrator": [Role.STAFF, Role.ADMINISTRATOR],
}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: fragments, sessions and counts an earlier test
    cached (from a database since rolled back) are never shown."""
    cache.clear()


@pytest.fixture
def make_user(db):
    def make(role: str | None = "staff", **kwargs):
        roles = ROLE_USERS[role] if role else []
        return UserFactory(roles=[str(r) for r in roles], **kwargs)

    return make


@pytest.fixture
def staff_user(make_user):
    return make_user("staff", username="staff")


@pytest.fixture
def strategic_user(make_user):
    return make_user("strategic", username="strategic")


@pytest.fixture
def leader_user(make_user):
    return make_user("leader", username="leader")


@pytest.fixture
def admin_user_(make_user):
    return make_user("administrator", username="administrator", is_staff=True)


@pytest.fixture
def client_for(client):
    """client_for(user) returns the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def in_english(client, settings):
    """Messages in English: for tests whose assertions read the English wording.

    Danish is the default; tests that check the Danish wording do not use this fixture.
    """
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def closed_breakers():
    """Each test starts with Redis trusted again: a breaker an earlier test opened (Redis
    stopped on purpose) would otherwise keep this test from asking it."""
    from labportal.core import breaker

    breaker.CACHE.reset()
    breaker.BROKER.reset()


def pytest_runtest_setup(item):
    """A test marked `postgresql` is skipped, with its reason, on any other database: SQLite
    serialises writers, so the races these tests stage cannot happen there (and a thread
    left waiting would lock the file for the tests after it)."""
    from django.db import connection

    marker = item.get_closest_marker("postgresql")
    if marker and connection.vendor != "postgresql":
        why = marker.kwargs.get("reason", "row locks and concurrent connections")
        pytest.skip(
            f"needs PostgreSQL ({why}); this run uses {connection.vendor} "
            f"(set DATABASE_URL to run it)"
        )

"""Redis away, for real: a Redis of the test's own is stopped (or replaced by a server that
accepts and never answers) while a team member moves an experiment on the wheel.

The move succeeds as usual and its notifications exist; the e-mail job waits in the database;
when Redis is back, the sweep publishes it and a worker sends each e-mail once. A silent Redis
costs one timeout, after which neither the cache nor the broker is asked for a while.
"""

import socket
import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from experiments.enums import Phase
from labportal.celery import app
from labportal.core import breaker
from labportal.jobs import services as jobs
from labportal.jobs.models import Job
from labportal.notifications.models import Notification
from tests.experiments.wheel_support import experiment_in, staff, strategic
from tests.jobs.conftest import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def redis_cache(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "CONNECTION_POOL_KWARGS": {"connection_class": breaker.GuardedConnection},
            },
        }
    }


@pytest.fixture
def portal_on(settings):
    """Point the portal's cache and broker at a given Redis URL, not eagerly."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def point(url: str) -> None:
        settings.CACHES = redis_cache(url)
        app.conf.update(broker_url=url, task_always_eager=False)

    breaker.CACHE.reset()
    breaker.BROKER.reset()
    yield point
    app.conf.update(saved)
    breaker.CACHE.reset()
    breaker.BROKER.reset()


@pytest.fixture
def team():
    member = staff(username="member", email="member@example.org")
    colleague = staff(username="colleague", email="colleague@example.org")
    owner = strategic(username="owner", email="owner@example.org")
    experiment = experiment_in(Phase.DESIGN, team=[member, colleague], owner=owner)
    return experiment, member


def advance(client, experiment):
    return client.post(
        reverse("experiments:advance", args=[experiment.slug]),
        {
            "advance-note": "Vi går i gang",
            "advance-expected_phase": Phase.DESIGN.value,
            "advance-to_phase": Phase.ACTION.value,
        },
    )


def wait_for(condition, attempts: int = 600) -> bool:
    for _ in range(attempts):
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_move_while_redis_is_stopped_succeeds_and_its_emails_go_once_redis_is_back(
    own_redis, portal_on, team, client
):
    experiment, member = team
    portal_on(own_redis.url)
    client.force_login(member)
    own_redis.stop()

    response = advance(client, experiment)

    assert response.status_code == 302  # the normal success
    experiment.refresh_from_db()
    assert experiment.phase == Phase.ACTION
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"colleague", "owner"}  # stored with the move, whatever the broker did
    job = Job.objects.get()
    assert (job.state, job.enqueued_at) == (Job.State.PENDING, None)
    assert mail.outbox == []

    own_redis.start()
    breaker.BROKER.reset()  # the sweep runs a minute later in production, past the cool-down
    queue = f"faults-{own_redis.port}"
    with start_worker(app, pool="solo", queues=[queue], perform_ping_check=False):
        app.conf.task_default_queue = queue
        try:
            later = timezone.now() + jobs.GRACE * 2
            assert jobs.sweep(now=later)["published"] == 1
            assert wait_for(lambda: Job.objects.get().state == Job.State.DONE)
            assert jobs.sweep(now=later)["published"] == 0  # done: nothing to publish again
        finally:
            app.conf.task_default_queue = "celery"
    assert sorted(m.to[0] for m in mail.outbox) == ["colleague@example.org", "owner@example.org"]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


class SilentServer:
    """Accepts connections and reads, never answers: a Redis that hangs."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._held: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _address = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            self._held.append(conn)

    def close(self) -> None:
        self._listener.close()
        for conn in self._held:
            conn.close()


@pytest.fixture
def silent_redis():
    server = SilentServer()
    yield server
    server.close()


def test_a_silent_redis_costs_one_timeout_then_is_left_alone(
    silent_redis, portal_on, team, client, monkeypatch
):
    experiment, member = team
    client.force_login(member)  # the session is in the database too (cached_db)
    monkeypatch.setattr(breaker.CACHE, "cool_down", 600.0)  # no probe within this test
    monkeypatch.setattr(breaker.BROKER, "cool_down", 600.0)
    portal_on(silent_redis.url)

    first = client.get(experiment.get_absolute_url())
    assert first.status_code == 200
    reached = silent_redis.connections
    assert reached == 1  # one cache call waited for its timeout; the breaker stopped the rest
    assert breaker.CACHE.is_open

    response = advance(client, experiment)
    assert response.status_code == 302
    assert Notification.objects.count() == 2
    assert breaker.BROKER.is_open  # the publish timed out once
    broker_calls = silent_redis.connections - reached
    assert broker_calls >= 1

    again = client.get(experiment.get_absolute_url())
    assert again.status_code == 200
    assert "Vi går i gang" in again.content.decode()
    assert jobs.publish(Job.objects.get().pk, "notifications.send_emails") is False
    assert silent_redis.connections == reached + broker_calls  # nobody asked it again


class SlammingServer(SilentServer):
    """Accepts each connection and closes it at once: a Redis that is going down."""

    def _serve(self) -> None:
        while True:
            try:
                conn, _address = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


def test_a_failing_broker_is_tried_once_per_publish_not_again_after_a_pause(portal_on):
    """kombu would sleep 2 s and connect again; the publish of a web request tries once."""
    server = SlammingServer()
    try:
        portal_on(server.url)
        job = Job.objects.create(task="notifications.send_emails", kwargs={})
        assert jobs.publish(job.pk, job.task) is False
        assert server.connections == 1
    finally:
        server.close()
    job.refresh_from_db()
    assert (job.state, job.enqueued_at) == (Job.State.PENDING, None)

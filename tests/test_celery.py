"""Celery: a real round trip through Redis and a worker thread; the eager path without Redis."""

import json
import os

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from labportal.celery import app
from tests.processes import run_django

REDIS_URL = os.environ.get("REDIS_URL", "")


ANSWERS = "labportal-test-round-trip:answers"


@app.task(name="tests.celery.multiply")
def multiply(x: int, y: int) -> dict:
    """The portal keeps no task results (its jobs record their outcome on their rows): with a
    broker, this task hands its answer back through a Redis list of its own."""
    answer = {"product": x * y, "worker": not multiply.request.is_eager}
    if not multiply.request.is_eager:
        redis.Redis.from_url(REDIS_URL).rpush(ANSWERS, json.dumps(answer))
    return answer


@pytest.fixture
def redis_app():
    """The portal's Celery app pointed at the real Redis, not eager, for one test."""
    if not REDIS_URL:
        pytest.skip("REDIS_URL is not set: no real broker for the worker round trip")
    keys = ("broker_url", "task_always_eager")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    yield app
    app.conf.update(saved)


def purge(celery_app, queue: str) -> None:
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)


def test_round_trip_through_redis_and_a_worker_thread(redis_app):
    queue = "labportal-test-round-trip"  # ours alone: no stray messages are consumed
    client = redis.Redis.from_url(REDIS_URL)
    client.delete(ANSWERS)
    purge(redis_app, queue)
    try:
        with start_worker(
            redis_app, pool="solo", concurrency=1, queues=[queue], perform_ping_check=False
        ):
            multiply.apply_async((6, 7), queue=queue)
            answered = client.blpop([ANSWERS], timeout=60)
        assert answered is not None, "no worker answered through Redis"
        assert json.loads(answered[1]) == {"product": 42, "worker": True}
    finally:
        purge(redis_app, queue)
        client.delete(ANSWERS)


def test_eager_in_process_when_configured(settings):
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        result = multiply.delay(3, 4)
    finally:
        app.conf.task_always_eager = saved
    assert result.get() == {"product": 12, "worker": False}


EMBEDDED_SCRIPT = """
import django
django.setup()
from labportal.celery import app

@app.task(name="probe.add")
def add(x, y):
    return x + y

print(app.conf.broker_url, app.conf.task_always_eager, add.delay(20, 22).get())
"""


def test_embedded_default_completes_tasks_without_a_broker():
    result = run_django(["-c", EMBEDDED_SCRIPT], "labportal.settings.local")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["memory://", "True", "42"]

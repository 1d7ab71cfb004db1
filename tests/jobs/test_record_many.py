"""`services.record_many`: many jobs of one task in one insert, keys recorded once, each run
once after commit (tasks run eagerly here)."""

import pytest

from labportal.core import breaker
from labportal.jobs import services
from labportal.jobs.models import Job
from tests.jobs.tasks_for_tests import CALLS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_slate():
    CALLS.clear()
    breaker.BROKER.reset()
    yield
    breaker.BROKER.reset()


def test_many_jobs_run_once_each_after_commit(django_capture_on_commit_callbacks):
    items = [(f"many:{n}", {"n": n}) for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.record_many("tests.jobs.record_call", items) == 5
        assert CALLS == []
    assert sorted(call["n"] for call in CALLS) == [0, 1, 2, 3, 4]
    assert Job.objects.filter(state=Job.State.DONE, key__startswith="many:").count() == 5


def test_known_keys_are_left_alone(django_capture_on_commit_callbacks):
    services.record("tests.jobs.record_call", key="many:1", n=1)
    with django_capture_on_commit_callbacks(execute=True):
        recorded = services.record_many(
            "tests.jobs.record_call", [("many:1", {"n": 1}), ("many:2", {"n": 2})]
        )
    assert recorded == 1
    assert CALLS == [{"n": 2}]
    assert Job.objects.filter(key__startswith="many:").count() == 2


def test_nothing_to_record():
    assert services.record_many("tests.jobs.record_call", []) == 0
    assert not Job.objects.exists()


def test_when_the_broker_is_away_the_jobs_wait_for_the_sweep(django_capture_on_commit_callbacks):
    for _ in range(10):
        breaker.BROKER.failed()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_many("tests.jobs.record_call", [("many:9", {"n": 9})])
    assert CALLS == []
    assert Job.objects.get(key="many:9").state == Job.State.PENDING

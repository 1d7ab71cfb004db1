"""Jobs: recorded with the change, published after commit, run once, retried, swept, and
shown to administrators with a retry (tasks run eagerly here; test_faults.py uses Redis)."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from labportal.core import breaker
from labportal.jobs import record, services
from labportal.jobs.files import atomic_output
from labportal.jobs.models import Job
from tests.jobs import tasks_for_tests
from tests.jobs.tasks_for_tests import CALLS

pytestmark = pytest.mark.django_db

LATER = timedelta(minutes=5)


@pytest.fixture(autouse=True)
def clean_slate():
    CALLS.clear()
    breaker.BROKER.reset()
    yield
    breaker.BROKER.reset()


def test_a_job_runs_after_commit_and_only_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = record("tests.jobs.record_call", n=1)
        assert CALLS == []  # not before the commit
    job.refresh_from_db()
    assert (job.state, job.attempts, CALLS) == (Job.State.DONE, 1, [{"n": 1}])
    assert tasks_for_tests.record_call.delay(job_id=job.pk).get() == "skipped"
    assert CALLS == [{"n": 1}]


def test_a_rolled_back_change_leaves_no_job(django_capture_on_commit_callbacks):
    def change_then_fail():
        with transaction.atomic():
            record("tests.jobs.record_call", n=1)
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_then_fail()
    assert not Job.objects.exists()
    assert CALLS == []


def test_the_same_key_records_one_job():
    first = record("tests.jobs.record_call", key="once", n=1)
    second = record("tests.jobs.record_call", key="once", n=2)
    assert first.pk == second.pk
    assert Job.objects.count() == 1


def test_a_network_error_waits_and_tries_again_until_attempts_run_out(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        job = record("tests.jobs.flaky", max_attempts=2)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.PENDING, 1)
    assert "the server went away" in job.last_error
    assert job.not_before > timezone.now()
    assert tasks_for_tests.flaky.delay(job_id=job.pk).get() == "skipped"  # not due yet
    Job.objects.filter(pk=job.pk).update(not_before=timezone.now())  # the wait is over
    services.sweep(now=timezone.now() + LATER)  # published again: fails, out of attempts
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.FAILED, 2)


def test_a_bug_fails_the_job_at_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = record("tests.jobs.broken")
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.FAILED, 1)
    assert "ZeroDivisionError" in job.last_error


def test_an_unpublished_job_is_published_by_the_sweep_after_the_grace():
    job = record("tests.jobs.record_call", n=7)  # never committed here: never published
    assert services.sweep() == {"published": 0, "failed": 0}  # still within the grace
    assert services.sweep(now=timezone.now() + LATER) == {"published": 1, "failed": 0}
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert CALLS == [{"n": 7}]


def test_a_job_left_running_by_a_dead_worker_runs_again_and_fails_when_out_of_attempts():
    job = record("tests.jobs.record_call", n=1)
    past = timezone.now() - timedelta(seconds=1)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, attempts=1, lease_until=past)
    assert services.sweep()["published"] == 1
    job.refresh_from_db()
    assert (job.state, job.attempts, CALLS) == (Job.State.DONE, 2, [{"n": 1}])

    lost = record("tests.jobs.record_call", n=2, max_attempts=2)
    Job.objects.filter(pk=lost.pk).update(state=Job.State.RUNNING, attempts=2, lease_until=past)
    assert services.sweep() == {"published": 0, "failed": 1}
    lost.refresh_from_db()
    assert lost.state == Job.State.FAILED
    assert "worker stopped" in lost.last_error


def test_a_live_workers_job_is_not_taken_from_it():
    job = record("tests.jobs.record_call", n=1)
    soon = timezone.now() + timedelta(minutes=1)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, attempts=1, lease_until=soon)
    assert services.sweep()["published"] == 0
    assert tasks_for_tests.record_call.delay(job_id=job.pk).get() == "skipped"
    assert CALLS == []


def test_an_open_broker_breaker_skips_publishing_and_the_job_waits():
    job = record("tests.jobs.record_call", n=1)
    breaker.BROKER.failed()
    assert services.publish(job.pk, job.task) is False
    job.refresh_from_db()
    assert (job.state, job.enqueued_at, CALLS) == (Job.State.PENDING, None, [])


def test_oldest_unfinished_age():
    assert services.oldest_unfinished_age() is None
    job = record("tests.jobs.record_call")
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    assert 590 < services.oldest_unfinished_age() < 700


def test_atomic_output_shows_a_file_whole_or_not_at_all(tmp_path):
    target = tmp_path / "out.pdf"
    seen_during = []

    def write_half_then_fail():
        with atomic_output(target) as out:
            out.write(b"half")
            seen_during.append(target.exists())
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_half_then_fail()
    assert seen_during == [False]
    assert list(tmp_path.iterdir()) == []
    with atomic_output(target) as out:
        out.write(b"whole")
    assert target.read_bytes() == b"whole"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


# --- the administrators' page ----------------------------------------------------------


def _failed_and_stuck():
    failed = record("tests.jobs.broken")
    Job.objects.filter(pk=failed.pk).update(
        state=Job.State.FAILED, attempts=1, last_error="ZeroDivisionError('a bug')"
    )
    stuck = record("tests.jobs.record_call", n=3)
    Job.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - LATER)
    record("tests.jobs.record_call", n=4)  # fresh: not listed
    return failed, stuck


@pytest.mark.parametrize("role", ["staff", "strategic", "leader"])
def test_only_administrators_see_and_retry_jobs(client, make_user, role):
    failed, _ = _failed_and_stuck()
    client.force_login(make_user(role))
    assert client.get(reverse("jobs:list")).status_code == 403
    assert client.post(reverse("jobs:retry", args=[failed.pk])).status_code == 403
    failed.refresh_from_db()
    assert failed.state == Job.State.FAILED


def test_administrators_see_failed_and_stuck_jobs_and_retry_one(
    client_for, admin_user_, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _, stuck = _failed_and_stuck()
    client = client_for(admin_user_)
    client.get(reverse("jobs:list"))  # warm the session
    with django_assert_num_queries(4):  # session, user, the jobs, the counts
        page = client.get(reverse("jobs:list"))
    html = page.content.decode()
    assert "Fail with a bug" in html
    assert "ZeroDivisionError" in html
    assert f"#{stuck.pk}" in html
    assert html.count('action="/jobs/') == 2  # the fresh job is not listed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:retry", args=[stuck.pk]))
    assert response.status_code == 302
    stuck.refresh_from_db()
    assert stuck.state == Job.State.DONE
    assert CALLS == [{"n": 3}]


def test_a_finished_job_cannot_be_retried(client_for, admin_user_):
    job = record("tests.jobs.record_call")
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE)
    response = client_for(admin_user_).post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 404


def test_the_dashboard_panel_counts_jobs_for_administrators_only(client_for, make_user):
    _failed_and_stuck()
    admin = make_user("administrator", username="a")
    html = client_for(admin).get(reverse("core:dashboard")).content.decode()
    assert reverse("jobs:list") in html
    staff = make_user("staff", username="s")
    html = client_for(staff).get(reverse("core:dashboard")).content.decode()
    assert reverse("jobs:list") not in html

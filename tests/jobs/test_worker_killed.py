"""A Celery worker killed with SIGKILL in the middle of a job: the job runs again on a second
worker once the first one's lease has run out, and finishes once; the file it was writing is
never visible half-written."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from labportal.jobs import record, services
from labportal.jobs.models import Job
from tests.jobs.tasks_for_tests import CHUNK
from tests.processes import REPO

pytestmark = pytest.mark.django_db(transaction=True)

CHUNKS = 64
LEASE_MARGIN = 1  # seconds past the task's 8 s time limit


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(redis_url: str, queue: str, name: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "labportal.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "JOBS_LEASE_MARGIN": str(LEASE_MARGIN),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "labportal", "worker", "--pool", "prefork",
        "--concurrency", "1", "--queues", queue, "--include", "tests.jobs.tasks_for_tests",
        "--hostname", f"{name}@%h", "--without-gossip", "--without-mingle",
        "--without-heartbeat", "--loglevel", "WARNING",
    ]  # fmt: skip
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, cwd=REPO, env=env, start_new_session=True, stdout=subprocess.DEVNULL
    )


def kill(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGKILL)  # the main process and its pool child
    worker.wait(30)


def wait_for(condition, attempts: int = 1200) -> bool:
    for _ in range(attempts):
        if condition():
            return True
        time.sleep(0.05)
    return False


def lines(path) -> list[str]:
    return path.read_text().split() if path.exists() else []


@pytest.mark.postgresql
def test_a_job_whose_worker_is_killed_finishes_once_on_another_worker(
    own_redis, tmp_path, settings
):
    from labportal.celery import app

    queue = f"killed-{own_redis.port}"
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=own_redis.url, task_always_eager=False, task_default_queue=queue)
    first = start_worker(own_redis.url, queue, "first")
    second = None
    try:
        job = record("tests.jobs.slow_write", folder=str(tmp_path), chunks=CHUNKS)
        assert services.publish(job.pk, job.task)  # (no transaction here: publish directly)
        assert wait_for(lambda: len(lines(tmp_path / "started")) == 1), "first never started"
        partial = tmp_path / ".result.bin.partial"
        assert partial.exists()
        assert not (tmp_path / "result.bin").exists()

        kill(first)
        job.refresh_from_db()
        assert (job.state, job.attempts) == (Job.State.RUNNING, 1)
        assert not (tmp_path / "result.bin").exists()  # never half-written under its name

        second = start_worker(own_redis.url, queue, "second")
        # Until the lease runs out the job is the dead worker's; then the sweep hands it on.
        assert services.sweep()["published"] == 0
        assert wait_for(lambda: job.lease_until < timezone.now() - timedelta(seconds=0.1))
        assert services.sweep()["published"] == 1
        assert wait_for(lambda: len(lines(tmp_path / "started")) == 2), "second never started"
        (tmp_path / "go").touch()
        assert wait_for(lambda: Job.objects.get(pk=job.pk).state == Job.State.DONE)
    finally:
        app.conf.update(saved, task_default_queue="celery")
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                kill(worker)

    job.refresh_from_db()
    assert job.attempts == 2
    started, finished = lines(tmp_path / "started"), lines(tmp_path / "finished")
    assert finished == [started[1]]  # once, by the second worker
    assert (tmp_path / "result.bin").read_bytes() == CHUNK * CHUNKS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["finished", "go", "result.bin", "started"]
    assert services.sweep()["published"] == 0

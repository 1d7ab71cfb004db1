"""Recording, publishing, claiming and finishing jobs; the sweep and the administrators' retry.

The life of a job: `record` (pending) -> published after commit -> a worker `claim`s it
(running, with a lease) -> `finish` (done) or `give_back` (pending again later, or failed once
its attempts are used up). Whatever is pending and not published for a while, or running past
its lease (the worker died), the sweep publishes again; the claim lets one run at a time.
"""

import logging
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from labportal.core import breaker

from .models import Job

logger = logging.getLogger(__name__)

# A recorded job is published at once; the sweep publishes again what waited longer than this.
GRACE = timedelta(minutes=1)
# Retries wait 1, 2, 4, 8 ... minutes, at most an hour.
RETRY_BASE = timedelta(minutes=1)
RETRY_MAX = timedelta(hours=1)


def record(task: str, *, key: str | None = None, max_attempts: int = 5, **kwargs) -> Job:
    """Write a job for `task` (a Celery task name) in the current transaction and publish it
    once that commits. With `key`, a job already recorded under it is returned instead."""
    if key is not None:
        existing = Job.objects.filter(key=key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(task=task, key=key, kwargs=kwargs, max_attempts=max_attempts)
    except IntegrityError:  # recorded under the same key a moment ago
        return Job.objects.get(key=key)
    job_id = job.pk
    transaction.on_commit(lambda: publish(job_id, task))
    return job


def publish(job_id: int, task: str) -> bool:
    """Hand the job to the broker; never raises and never waits long (the sweep tries again).

    Redis that refused or did not answer a moment ago is not asked again (`breaker.BROKER`);
    otherwise one attempt, bounded by the broker's connect and socket timeouts (settings).
    """
    if not breaker.BROKER.allow():
        return False
    try:
        # A connection of its own: one that broke with an earlier broker cannot be reused by
        # mistake (publishing is rare: a few times a minute).
        with current_app.connection_for_write() as connection:
            # One attempt to connect: kombu would otherwise sleep 2 s and try again.
            connection.ensure_connection(max_retries=0)
            current_app.tasks[task].apply_async(
                kwargs={"job_id": job_id}, retry=False, connection=connection
            )
    except Exception as error:
        breaker.BROKER.failed()
        logger.warning("Could not publish job %s (%s); the sweep will: %r", job_id, task, error)
        return False
    breaker.BROKER.succeeded()
    Job.objects.filter(pk=job_id, state=Job.State.PENDING).update(enqueued_at=timezone.now())
    return True


def claim(job_id: int, *, lease: timedelta) -> Job | None:
    """Take the job for this worker: it must wait no longer, or its last worker's lease must
    have run out. None when it is done, failed, held by a live worker, or not yet due."""
    now = timezone.now()
    waiting = Q(state=Job.State.PENDING) & (Q(not_before__isnull=True) | Q(not_before__lte=now))
    abandoned = Q(state=Job.State.RUNNING, lease_until__lt=now)
    claimed = Job.objects.filter(
        waiting | abandoned, pk=job_id, attempts__lt=F("max_attempts")
    ).update(
        state=Job.State.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        lease_until=now + lease,
    )
    return Job.objects.get(pk=job_id) if claimed else None


def finish(job: Job) -> None:
    Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
        state=Job.State.DONE, finished_at=timezone.now(), lease_until=None, last_error=""
    )


def give_back(job: Job, error: str, *, retry: bool) -> str:
    """Record a failed attempt: waiting again after a backoff, or failed for good."""
    now = timezone.now()
    if retry and job.attempts < job.max_attempts:
        wait = min(RETRY_BASE * 2 ** (job.attempts - 1), RETRY_MAX)
        values = {"state": Job.State.PENDING, "not_before": now + wait}
    else:
        values = {"state": Job.State.FAILED, "finished_at": now}
    Job.objects.filter(pk=job.pk).update(lease_until=None, last_error=error[:4000], **values)
    return values["state"]


def sweep(now=None) -> dict[str, int]:
    """Publish again what waits unpublished past GRACE (or whose retry is due) and what a dead
    worker left running past its lease; a job out of attempts fails. Run every minute."""
    now = now or timezone.now()
    abandoned = Job.objects.filter(state=Job.State.RUNNING, lease_until__lt=now)
    exhausted = abandoned.filter(attempts__gte=F("max_attempts")).update(
        state=Job.State.FAILED,
        finished_at=now,
        lease_until=None,
        last_error="The worker stopped during every attempt.",
    )
    due = Job.objects.filter(
        Q(state=Job.State.PENDING, created_at__lt=now - GRACE)
        & (Q(not_before__isnull=True) | Q(not_before__lte=now))
        & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - GRACE))
        | Q(state=Job.State.RUNNING, lease_until__lt=now)
    ).values_list("pk", "task")
    published = sum(publish(pk, task) for pk, task in due)
    return {"published": published, "failed": exhausted}


def retry(job: Job) -> Job:
    """An administrator tries a failed (or stuck) job again with all its attempts."""
    Job.objects.filter(pk=job.pk).exclude(state=Job.State.DONE).update(
        state=Job.State.PENDING, attempts=0, not_before=None, lease_until=None, finished_at=None
    )
    transaction.on_commit(lambda: publish(job.pk, job.task))
    job.refresh_from_db()
    return job


def oldest_unfinished_age(now=None) -> float | None:
    """Seconds since the oldest waiting or running job was recorded (None when none)."""
    oldest = (
        Job.objects.filter(state__in=Job.UNFINISHED)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return None if oldest is None else ((now or timezone.now()) - oldest).total_seconds()


def lease_for(time_limit: float) -> timedelta:
    """A worker holds a job for its task's hard time limit and a margin; past that it is dead
    (Celery has killed the task, or the whole worker was killed)."""
    return timedelta(seconds=time_limit + settings.JOBS_LEASE_MARGIN)


def record_many(task: str, items, *, max_attempts: int = 5) -> int:
    """`record` for many jobs of one task at once: `items` are (key, kwargs) pairs; keys
    already recorded are left alone. Two queries and one bulk insert in the caller's
    transaction, whatever the number; after commit the new jobs are published over one
    broker connection (what cannot be published now, the sweep publishes later). Returns how
    many were recorded now."""
    items = dict(items)
    if not items:
        return 0
    known = set(Job.objects.filter(key__in=list(items)).values_list("key", flat=True))
    rows = [
        Job(task=task, key=key, kwargs=kwargs, max_attempts=max_attempts)
        for key, kwargs in items.items()
        if key not in known
    ]
    try:
        with transaction.atomic():
            created = Job.objects.bulk_create(rows, batch_size=2000)
    except IntegrityError:  # some were recorded a moment ago: one at a time, then
        created = [
            record(task, key=row.key, max_attempts=max_attempts, **row.kwargs) for row in rows
        ]
        return len(created)
    ids = [job.pk for job in created]
    transaction.on_commit(lambda: publish_many(ids, task))
    return len(created)


def publish_many(job_ids: list[int], task: str) -> int:
    """Publish many jobs of one task over one connection; stops at the first failure (the
    sweep publishes the rest). Never raises. Returns how many were published."""
    if not job_ids or not breaker.BROKER.allow():
        return 0
    published = []
    try:
        with current_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=0)
            send = current_app.tasks[task].apply_async
            for job_id in job_ids:
                send(kwargs={"job_id": job_id}, retry=False, connection=connection)
                published.append(job_id)
    except Exception as error:
        breaker.BROKER.failed()
        logger.warning(
            "Published %s of %s jobs (%s); the sweep will: %r",
            len(published),
            len(job_ids),
            task,
            error,
        )
    else:
        breaker.BROKER.succeeded()
    if published:
        Job.objects.filter(pk__in=published, state=Job.State.PENDING).update(
            enqueued_at=timezone.now()
        )
    return len(published)

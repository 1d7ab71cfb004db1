"""`job_task`: a Celery task that runs one recorded job, once.

    @job_task(time_limit=300)
    def import_booklet(*, upload_id: int) -> None: ...

    jobs.record("experiments.import_booklet", upload_id=upload.pk)

The task receives only the job's id; it claims the job (or does nothing: done already, or
another worker holds it), calls the function with the job's arguments, and records the
outcome. Errors in `retry_on` wait and try again (the sweep publishes them when due); any
other error fails the job at once, for an administrator to look at and retry.
"""

import logging
from collections.abc import Callable

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.functional import Promise

from . import services

logger = logging.getLogger(__name__)

# Network trouble (a refused or silent mail server: timeouts are OSErrors) and a task stopped
# by its soft time limit are worth another try.
TRANSIENT = (OSError, SoftTimeLimitExceeded)

_LABELS: dict[str, Promise | str] = {}


def job_label(task: str) -> str:
    """What the job does, for people (the task name when it has no label)."""
    return str(_LABELS.get(task, task))


def job_task(
    *,
    name: str,
    label: Promise | str,
    time_limit: int = 90,
    soft_time_limit: int | None = None,
    retry_on: tuple[type[Exception], ...] = TRANSIENT,
) -> Callable[[Callable], Callable]:
    """Make `function(**kwargs)` the body of the Celery task `name` that runs jobs; `label`
    says what it does on the jobs page. The soft time limit is by default 20 s below the hard
    one: time to record the outcome."""
    _LABELS[name] = label
    soft_time_limit = soft_time_limit or time_limit - 20

    def decorate(function: Callable):
        @shared_task(name=name, soft_time_limit=soft_time_limit, time_limit=time_limit)
        def run(*, job_id: int) -> str:
            job = services.claim(job_id, lease=services.lease_for(time_limit))
            if job is None:
                return "skipped"
            try:
                function(**job.kwargs)
            except retry_on as error:
                logger.warning("Job %s (%s) failed and may retry: %r", job.pk, name, error)
                return services.give_back(job, repr(error), retry=True)
            except Exception as error:
                logger.exception("Job %s (%s) failed.", job.pk, name)
                return services.give_back(job, repr(error), retry=False)
            services.finish(job)
            return "done"

        run.job_function = function
        return run

    return decorate

from celery import shared_task

from . import services


@shared_task(name="jobs.sweep", soft_time_limit=50, time_limit=55)
def sweep_jobs() -> dict[str, int]:
    """Every minute (CELERY_BEAT_SCHEDULE): publish what waits, re-run what a dead worker left."""
    return services.sweep()

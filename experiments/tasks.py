"""Celery tasks of the experiments app: thin wrappers that take ids and call services."""

import logging

from celery import shared_task

from labportal.celery import RETRYING_SHORT_TASK

logger = logging.getLogger(__name__)


# --- notifications on the wheel ------------------------------------------------------


@shared_task(**RETRYING_SHORT_TASK)
def notify_transition(*, transition_id: int) -> int:
    """Notify the team and the owner of one transition; returns how many were notified."""
    from .models import PhaseTransition
    from .notify import transition_notify

    transition = (
        PhaseTransition.objects.select_related("experiment__owner", "by")
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        logger.info("Transition %s is gone; nothing to notify.", transition_id)
        return 0
    return len(transition_notify(transition=transition))


# --- booklet import -------------------------------------------------------------------


@shared_task(soft_time_limit=240, time_limit=300)
def import_booklet_task(*, upload_id: int) -> None:
    """Import an uploaded booklet the administrator confirmed (see experiments/booklet)."""
    from .booklet.uploads import booklet_upload_run

    booklet_upload_run(upload_id=upload_id)

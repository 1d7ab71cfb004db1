"""Celery tasks of the experiments app: thin wrappers that take ids and call services."""

import logging

from celery import shared_task
from django.utils import timezone
from django.utils.translation import gettext as _

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
# The task holds the whole run (look up, run once, record the outcome), so that the import
# page's services can queue it without this module importing them back.

PROGRESS_TTL = 3600


def progress_key(upload_id: int) -> str:
    return f"booklet-upload:{upload_id}:progress"


@shared_task(soft_time_limit=240, time_limit=300)
def import_booklet_task(*, upload_id: int) -> None:
    """Import an uploaded booklet the administrator confirmed; records progress in the cache
    and the result on the upload."""
    from django.core.cache import cache

    from labportal.booklet import BookletError, booklet_import, read_booklet_bytes

    from .models_booklet import BookletUpload

    upload = BookletUpload.objects.filter(pk=upload_id).first()
    if upload is None:
        logger.info("Booklet upload %s is gone; nothing to import.", upload_id)
        return
    if upload.status not in (BookletUpload.Status.QUEUED, BookletUpload.Status.RUNNING):
        logger.info("Booklet upload %s is %s; not importing again.", upload_id, upload.status)
        return
    BookletUpload.objects.filter(pk=upload_id).update(status=BookletUpload.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        cache.set(progress_key(upload_id), {"done": done, "total": total}, PROGRESS_TTL)

    try:
        with upload.file.open("rb") as handle:
            data = handle.read()
        text = read_booklet_bytes(data, upload.original_name)
        report = booklet_import(
            text=text,
            program_slug=upload.program_slug or None,
            by=upload.uploaded_by,
            progress=progress,
        )
    except BookletError as error:
        _booklet_finish(upload_id, BookletUpload.Status.FAILED, error=error.message)
        return
    except Exception:
        logger.exception("Booklet upload %s failed.", upload_id)
        _booklet_finish(
            upload_id,
            BookletUpload.Status.FAILED,
            error=_("The import failed; nothing was written."),
        )
        raise
    _booklet_finish(upload_id, BookletUpload.Status.DONE, report=report.as_dict())


def _booklet_finish(
    upload_id: int, status: str, *, report: dict | None = None, error: str = ""
) -> None:
    from django.core.cache import cache

    from .models_booklet import BookletUpload

    BookletUpload.objects.filter(pk=upload_id).update(
        status=status, report=report or {}, error=error, finished_at=timezone.now()
    )
    cache.delete(progress_key(upload_id))

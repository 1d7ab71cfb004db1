"""Services behind the import page: check an upload (dry run), then import it in a task."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from experiments.models_booklet import BookletUpload

from .errors import BookletError
from .importer import booklet_import
from .pdf import read_booklet_bytes

logger = logging.getLogger(__name__)
PROGRESS_TTL = 3600


def progress_key(upload_id: int) -> str:
    return f"booklet-upload:{upload_id}:progress"


def booklet_upload_check(*, file: UploadedFile, program_slug: str, by) -> BookletUpload:
    """Store the upload with its dry-run report; raises BookletError for bad input."""
    data = file.read()
    text = read_booklet_bytes(data, file.name or "")
    report = booklet_import(text=text, program_slug=program_slug or None, dry_run=True)
    file.seek(0)
    return BookletUpload.objects.create(
        file=file,
        original_name=(file.name or "booklet")[:255],
        program_slug=program_slug,
        uploaded_by=by,
        dry_run_report=report.as_dict(),
    )


def booklet_upload_confirm(*, upload: BookletUpload) -> BookletUpload:
    """Queue the real import after this transaction commits (safe to call twice)."""
    from experiments.tasks import import_booklet_task

    with transaction.atomic():
        upload = BookletUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.status != BookletUpload.Status.CHECKED:
            return upload
        upload.status = BookletUpload.Status.QUEUED
        upload.save(update_fields=["status"])
        upload_id = upload.pk
        transaction.on_commit(lambda: import_booklet_task.delay(upload_id=upload_id))
    upload.refresh_from_db()
    return upload


def booklet_upload_run(*, upload_id: int) -> None:
    """Import a queued upload; records progress in the cache and the result on the upload."""
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
        _finish(upload_id, BookletUpload.Status.FAILED, error=error.message)
        return
    except Exception:
        logger.exception("Booklet upload %s failed.", upload_id)
        _finish(
            upload_id,
            BookletUpload.Status.FAILED,
            error=_("The import failed; nothing was written."),
        )
        raise
    _finish(upload_id, BookletUpload.Status.DONE, report=report.as_dict())


def booklet_upload_progress(upload: BookletUpload) -> dict:
    """{"done", "total", "percent"} of a running import (from the cache)."""
    value = cache.get(progress_key(upload.pk)) or {"done": 0, "total": 0}
    total = value["total"] or 1
    return value | {"percent": round(100 * value["done"] / total) if value["total"] else 0}


def _finish(upload_id: int, status: str, *, report: dict | None = None, error: str = "") -> None:
    BookletUpload.objects.filter(pk=upload_id).update(
        status=status, report=report or {}, error=error, finished_at=timezone.now()
    )
    cache.delete(progress_key(upload_id))

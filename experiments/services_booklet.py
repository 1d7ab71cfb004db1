"""Services behind the booklet import page: store an upload and check it (the dry run, a job),
then import it once confirmed (another job) and follow it (tasks.py holds both jobs)."""

from __future__ import annotations

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from experiments.models_booklet import BookletUpload
from experiments.tasks import CHECK_BOOKLET, IMPORT_BOOKLET, progress_key
from labportal import jobs


@transaction.atomic
def booklet_upload_check(*, file: UploadedFile, program_slug: str, by) -> BookletUpload:
    """Store the upload and record its dry run; the page follows the job."""
    upload = BookletUpload.objects.create(
        file=file,
        original_name=(file.name or "booklet")[:255],
        program_slug=program_slug,
        uploaded_by=by,
    )
    upload.job = jobs.record(CHECK_BOOKLET, upload_id=upload.pk)
    upload.save(update_fields=["job"])
    return upload


def booklet_upload_confirm(*, upload: BookletUpload) -> BookletUpload:
    """Record the real import (safe to call twice: only a checked upload is queued)."""
    with transaction.atomic():
        upload = BookletUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.status != BookletUpload.Status.CHECKED:
            return upload
        upload.status = BookletUpload.Status.QUEUED
        upload.job = jobs.record(IMPORT_BOOKLET, upload_id=upload.pk)
        upload.save(update_fields=["status", "job"])
    upload.refresh_from_db()
    return upload


def booklet_upload_progress(upload: BookletUpload) -> dict:
    """{"done", "total", "percent"} of a running import (from the cache)."""
    value = cache.get(progress_key(upload.pk)) or {"done": 0, "total": 0}
    total = value["total"] or 1
    return value | {"percent": round(100 * value["done"] / total) if value["total"] else 0}

"""Services behind the booklet import page: check an upload (dry run), then queue the import
(`tasks.import_booklet_task`, which runs `labportal.booklet.booklet_import`) and follow it."""

from __future__ import annotations

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from experiments.models_booklet import BookletUpload
from experiments.tasks import import_booklet_task, progress_key
from labportal.booklet import booklet_import, read_booklet_bytes


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


def booklet_upload_progress(upload: BookletUpload) -> dict:
    """{"done", "total", "percent"} of a running import (from the cache)."""
    value = cache.get(progress_key(upload.pk)) or {"done": 0, "total": 0}
    total = value["total"] or 1
    return value | {"percent": round(100 * value["done"] / total) if value["total"] else 0}

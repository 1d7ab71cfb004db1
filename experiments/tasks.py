"""Background jobs of the experiments app: checking (dry run) and importing an uploaded booklet.

Each is a job (`labportal.jobs`): recorded with the upload's change, run once by a worker,
and run again elsewhere if its worker dies. The import writes in one transaction, so a run
cut short leaves nothing behind and the next run starts clean.
"""

import logging

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from labportal.booklet import BookletError, booklet_import, read_booklet_bytes
from labportal.jobs.running import job_task

from .models_booklet import BookletUpload

logger = logging.getLogger(__name__)

CHECK_BOOKLET = "experiments.check_booklet"
IMPORT_BOOKLET = "experiments.import_booklet"
PROGRESS_TTL = 3600
# Both read PDFs that may be large and hostile (labportal/booklet/pdf.py bounds the work).
BOOKLET_TIME_LIMIT = 300


def progress_key(upload_id: int) -> str:
    return f"booklet-upload:{upload_id}:progress"


def _read_text(upload: BookletUpload) -> str:
    with upload.file.open("rb") as handle:
        data = handle.read()
    return read_booklet_bytes(data, upload.original_name)


@job_task(
    name=CHECK_BOOKLET,
    label=gettext_lazy("Check an uploaded booklet"),
    time_limit=BOOKLET_TIME_LIMIT,
    retry_on=(OSError,),
)
def check_booklet(*, upload_id: int) -> None:
    """The dry run: what the import would do, shown for the administrator to confirm."""
    upload = BookletUpload.objects.filter(pk=upload_id, status=BookletUpload.Status.CHECKING)
    upload = upload.first()
    if upload is None:
        return
    try:
        report = booklet_import(
            text=_read_text(upload), program_slug=upload.program_slug or None, dry_run=True
        )
    except BookletError as error:
        _finish(upload_id, BookletUpload.Status.FAILED, error=error.message)
        return
    except OSError:
        raise  # the file could not be read this time: the job tries again
    except Exception:
        _finish(upload_id, BookletUpload.Status.FAILED, error=_("The check failed."))
        raise
    BookletUpload.objects.filter(pk=upload_id).update(
        status=BookletUpload.Status.CHECKED, dry_run_report=report.as_dict()
    )


@job_task(
    name=IMPORT_BOOKLET,
    label=gettext_lazy("Import a booklet"),
    time_limit=BOOKLET_TIME_LIMIT,
    retry_on=(OSError,),
)
def import_booklet(*, upload_id: int) -> None:
    """The import the administrator confirmed; progress goes to the cache, the outcome to
    the upload."""
    running = (BookletUpload.Status.QUEUED, BookletUpload.Status.RUNNING)
    upload = BookletUpload.objects.filter(pk=upload_id, status__in=running).first()
    if upload is None:
        return
    BookletUpload.objects.filter(pk=upload_id).update(status=BookletUpload.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        cache.set(progress_key(upload_id), {"done": done, "total": total}, PROGRESS_TTL)

    try:
        report = booklet_import(
            text=_read_text(upload),
            program_slug=upload.program_slug or None,
            by=upload.uploaded_by,
            progress=progress,
        )
    except BookletError as error:
        _finish(upload_id, BookletUpload.Status.FAILED, error=error.message)
        return
    except OSError:
        raise  # the file could not be read this time: the job tries again
    except Exception:
        _finish(upload_id, BookletUpload.Status.FAILED, error=_("The import failed."))
        raise
    _finish(upload_id, BookletUpload.Status.DONE, report=report.as_dict())


def _finish(upload_id: int, status: str, *, report: dict | None = None, error: str = "") -> None:
    BookletUpload.objects.filter(pk=upload_id).update(
        status=status, report=report or {}, error=error, finished_at=timezone.now()
    )
    cache.delete(progress_key(upload_id))

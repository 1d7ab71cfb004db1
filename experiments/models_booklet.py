"""An uploaded booklet waiting for, or done with, its import (the admin import page)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BookletUpload(models.Model):
    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking (dry run)")
        CHECKED = "checked", _("Checked (dry run)")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(_("file"), upload_to="booklets/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    program_slug = models.SlugField(_("program slug"), max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CHECKING
    )
    # The background job now working on it (the dry run, then the import).
    job = models.ForeignKey(
        "jobs.Job", verbose_name=_("job"), related_name="+", on_delete=models.SET_NULL, null=True
    )
    dry_run_report = models.JSONField(_("dry-run report"), default=dict, blank=True)
    report = models.JSONField(_("import report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("booklet upload")
        verbose_name_plural = _("booklet uploads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def in_progress(self) -> bool:
        """A job is checking or importing it (or is to)."""
        return self.status in (self.Status.CHECKING, self.Status.QUEUED, self.Status.RUNNING)

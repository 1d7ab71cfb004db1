"""Published files other than concept versions: a program's inspiration booklet and an
experiment's fact sheet, each made in a background job (concepts/tasks.py).

A publication is one request to make the file. Its file is named by a digest of the HTML it
was rendered from, so asking again for unchanged content gives the same file, not a second
one; staff download the latest of each subject, administrators every one."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from experiments.models import Experiment
from labportal.jobs.models import Job
from labportal.organisation.models import Program

from .enums import PublicationKind


class Publication(models.Model):
    Kind = PublicationKind

    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        related_name="publications",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        related_name="publications",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    job = models.ForeignKey(
        Job, verbose_name=_("job"), related_name="+", on_delete=models.SET_NULL, null=True
    )
    pdf = models.FileField(_("PDF"), upload_to="publications/", blank=True)
    digest = models.CharField(_("content digest"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    built_at = models.DateTimeField(_("made at"), null=True, blank=True)
    public = models.BooleanField(_("public"), default=False)
    public_token = models.UUIDField(_("public link token"), default=uuid.uuid4, unique=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=PublicationKind.BOOKLET, program__isnull=False, experiment__isnull=True)
                    | Q(
                        kind=PublicationKind.FACT_SHEET,
                        experiment__isnull=False,
                        program__isnull=True,
                    )
                ),
                name="publication_subject_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["kind", "-requested_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def subject(self):
        return self.program if self.kind == PublicationKind.BOOKLET else self.experiment

    @property
    def subject_title(self) -> str:
        subject = self.subject
        return subject.title if subject is not None else ""

    @property
    def file_label(self) -> str:
        """The name a download gets."""
        subject = self.subject
        prefix = "inspirationshaefte" if self.kind == PublicationKind.BOOKLET else "faktaark"
        return f"{prefix}-{subject.slug}.pdf"

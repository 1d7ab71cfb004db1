"""Leadership and collaboration concepts: the methods, models and tools distilled from
experiments, with the experiments they were developed from."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from experiments.models import Experiment
from labportal.jobs.models import Job
from labportal.organisation.models import Program, Track

from .enums import ConceptStatus, EventKind


class ConceptQuerySet(models.QuerySet):
    def readable(self):
        """What every reader may read: published, or with a published version not withdrawn
        (a new draft is being written). The one definition: pages, filters and booklets."""
        live = ConceptVersion.objects.live().filter(concept_id=models.OuterRef("pk"))
        return self.filter(models.Q(status=ConceptStatus.PUBLISHED) | models.Exists(live))


class ConceptVersionQuerySet(models.QuerySet):
    def live(self):
        """Versions not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class Concept(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    aliases = models.JSONField(_("other spellings"), default=list, blank=True)
    program = models.ForeignKey(
        Program, verbose_name=_("program"), related_name="concepts", on_delete=models.PROTECT
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("trial track"),
        related_name="concepts",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    source_experiments = models.ManyToManyField(
        Experiment,
        verbose_name=_("developed from"),
        related_name="concepts",
        blank=True,
    )
    focus = models.TextField(_("focus, purpose and use"), blank=True)
    audience = models.TextField(_("audience"), blank=True)
    description = models.TextField(_("description"), blank=True)
    phases = models.JSONField(_("phases"), default=list, blank=True)
    conditions = models.JSONField(_("conditions for success"), default=list, blank=True)
    attention_points = models.JSONField(_("attention points"), default=list, blank=True)
    findings = models.JSONField(_("findings"), default=list, blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authors"),
        related_name="authored_concepts",
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ConceptStatus.choices, default=ConceptStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ConceptQuerySet.as_manager()

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="concept_title_present"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("concepts:detail", kwargs={"slug": self.slug})


class ConceptVersion(models.Model):
    """One publication of a concept: a numbered, frozen snapshot of its content and sources,
    with its PDF. The number and the snapshot never change once written (see `save`); a
    version is withdrawn with a reason, never deleted."""

    FROZEN = ("concept_id", "number", "snapshot")

    concept = models.ForeignKey(
        Concept, verbose_name=_("concept"), related_name="versions", on_delete=models.PROTECT
    )
    number = models.PositiveIntegerField(_("number"))
    snapshot = models.JSONField(_("content at publication"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    published_at = models.DateTimeField(_("published at"))
    pdf = models.FileField(_("PDF"), upload_to="concepts/", blank=True)
    pdf_job = models.ForeignKey(
        Job,
        verbose_name=_("PDF job"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    public = models.BooleanField(_("public"), default=False)
    public_token = models.UUIDField(_("public link token"), default=uuid.uuid4, unique=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    withdraw_reason = models.TextField(_("reason for withdrawal"), blank=True)

    objects = ConceptVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("concept version")
        verbose_name_plural = _("concept versions")
        ordering = ["concept", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "number"], name="concept_version_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="concept_version_gte1"),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot.get('title', '')} v{self.number}"

    def save(self, *args, **kwargs):
        # Immutability is the model's own invariant, whoever saves (services, admin, shell).
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values(*self.FROZEN).first()
            if stored is not None and any(
                stored[name] != getattr(self, name) for name in self.FROZEN
            ):
                raise ValidationError(_("A published version cannot be changed."))
        super().save(*args, **kwargs)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ConceptEvent(models.Model):
    """Who did what with a concept, and when."""

    concept = models.ForeignKey(
        Concept, verbose_name=_("concept"), related_name="events", on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    version = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("version"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("concept event")
        verbose_name_plural = _("concept events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.concept_id} {self.kind}"


from .models_publications import Publication  # noqa: E402, F401 - the app's models in one place

"""Leadership and collaboration concepts: the methods, models and tools distilled from
experiments, with the experiments they were developed from."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from experiments.models import Experiment
from labportal.organisation.models import Program, Track

from .enums import ConceptStatus


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
    status = models.CharField(
        _("status"), max_length=20, choices=ConceptStatus.choices, default=ConceptStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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

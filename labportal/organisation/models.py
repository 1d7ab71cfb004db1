"""The organisation the portal serves: development labs and their programs and trial
tracks (with the other names tracks go by in booklets), institutions and their educations.

Experiments, concepts, change theories and the bazar all hang on these; this app imports
none of them.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class DevelopmentLab(models.Model):
    """Udviklingslaboratorium, e.g. "Ledelse og Styring"."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("development lab")
        verbose_name_plural = _("development labs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Program(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    lab = models.ForeignKey(
        DevelopmentLab,
        verbose_name=_("development lab"),
        related_name="programs",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    introduction = models.TextField(_("introduction"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner at strategic level"),
        related_name="owned_programs",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Track(models.Model):
    """Forsøgsspor: a trial track inside a program, known by a canonical title and aliases."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    program = models.ForeignKey(
        Program, verbose_name=_("program"), related_name="tracks", on_delete=models.PROTECT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner at strategic level"),
        related_name="owned_tracks",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("trial track")
        verbose_name_plural = _("trial tracks")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TrackAlias(models.Model):
    """Another spelling of a track's name, as found in booklets."""

    track = models.ForeignKey(Track, related_name="aliases", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("track alias")
        verbose_name_plural = _("track aliases")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="trackalias_unique_name_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class Institution(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Education(models.Model):
    """Uddannelse: an education or department inside an institution."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        related_name="educations",
        on_delete=models.CASCADE,
    )
    slug = models.SlugField(_("slug"), max_length=120)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("educations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="education_unique_slug_per_institution"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.institution})"

"""Change theories (forandringsteorier): what better practice a program or a trial track
wants, designed backwards (DOMAIN.md): challenge -> desired practice -> transformative
hypothesis -> signs of improved practice (each served by experiments) -> actions and
resources -> effects on the short and the long term.

A theory belongs to exactly one program or one track (a database constraint), at most one
each. Signs are rows (ordered, linked to experiments); actions and effects are ordered lists
of text, as the experiments' list sections are. Every change is kept with who and when
(django-simple-history on theories, signs and links); `version` moves on with every change,
so an editor saving over a newer version is told instead of overwriting it.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from experiments.models import LIST_ITEM_MAX_LENGTH, SECTION_MAX_LENGTH, Experiment
from labportal.organisation.models import Program, Track

TEXT_FIELDS = ("ambition", "challenge", "desired_practice", "hypothesis")
LIST_FIELDS = ("actions", "effects_short", "effects_long")
MAX_SIGNS = 100


class ChangeTheory(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    program = models.OneToOneField(
        Program,
        verbose_name=_("program"),
        related_name="change_theory",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    track = models.OneToOneField(
        Track,
        verbose_name=_("trial track"),
        related_name="change_theory",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    # What the program or track sets out to do (the booklet's "Forsøgssporets indhold").
    ambition = models.TextField(_("ambition"), max_length=SECTION_MAX_LENGTH, blank=True)
    challenge = models.TextField(_("challenge"), max_length=SECTION_MAX_LENGTH, blank=True)
    desired_practice = models.TextField(
        _("desired practice"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    hypothesis = models.TextField(
        _("transformative hypothesis"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    actions = models.JSONField(_("actions and resources"), default=list, blank=True)
    effects_short = models.JSONField(_("effects in the short term"), default=list, blank=True)
    effects_long = models.JSONField(_("effects in the long term"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], cascade_delete_history=True)

    class Meta:
        verbose_name = _("change theory")
        verbose_name_plural = _("change theories")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, track__isnull=True)
                | Q(program__isnull=True, track__isnull=False),
                name="changetheory_program_xor_track",
            ),
            *(
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(name), SECTION_MAX_LENGTH),
                    name=f"changetheory_{name}_length",
                )
                for name in TEXT_FIELDS
            ),
        ]

    def __str__(self) -> str:
        return str(self.subject)

    def get_absolute_url(self) -> str:
        return reverse("changetheory:detail", args=[self.slug])

    @property
    def subject(self) -> Program | Track:
        """The program or track whose theory this is."""
        return self.program if self.program_id else self.track

    @property
    def program_id_of_scope(self) -> int:
        """The program whose experiments may serve this theory's signs."""
        return self.program_id or self.track.program_id


class Sign(models.Model):
    """Tegn på forbedret praksis: something that shows first when practice improves."""

    theory = models.ForeignKey(
        ChangeTheory,
        verbose_name=_("change theory"),
        related_name="signs",
        on_delete=models.CASCADE,
    )
    text = models.TextField(_("sign"), max_length=LIST_ITEM_MAX_LENGTH)
    position = models.PositiveIntegerField(_("position"), default=0)
    experiments = models.ManyToManyField(
        Experiment,
        verbose_name=_("experiments"),
        through="SignExperiment",
        related_name="change_theory_signs",
        blank=True,
    )

    # Kept when the sign is removed: the theory's history shows what was taken out.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sign of improved practice")
        verbose_name_plural = _("signs of improved practice")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") & LessThanOrEqual(Length("text"), LIST_ITEM_MAX_LENGTH),
                name="changetheory_sign_text",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SignExperiment(models.Model):
    """An experiment meant to produce a sign (an experiment may serve several signs)."""

    sign = models.ForeignKey(Sign, related_name="links", on_delete=models.CASCADE)
    experiment = models.ForeignKey(
        Experiment, related_name="change_theory_links", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()  # kept when the link is removed

    class Meta:
        verbose_name = _("experiment serving a sign")
        verbose_name_plural = _("experiments serving signs")
        constraints = [
            models.UniqueConstraint(fields=["sign", "experiment"], name="changetheory_link_once")
        ]

    def __str__(self) -> str:
        return f"{self.sign} ← {self.experiment}"

"""Experiments, their teams and their moves on the wheel.

Rules live in services.py; reads pages need live in selectors.py.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from labportal.organisation.models import Education, Institution, Program, Track

from .enums import Decision, Phase, TransitionKind

# Limits of what a person or an import may store: a booklet's longest section is a few
# thousand characters; far longer text only costs every page that shows it.
SECTION_MAX_LENGTH = 20_000
LIST_ITEM_MAX_LENGTH = 5_000
LIST_MAX_ITEMS = 200
NOTE_MAX_LENGTH = 5_000
LIMITED_TEXT_FIELDS = (
    "summary",
    "challenge",
    "hypothesis",
    "conceptualisable_elements",
    "registered_challenge",
    "registered_hypothesis",
)


class Experiment(models.Model):
    """Uddannelseseksperiment, with the booklet's sections in the booklet's order.

    List-shaped sections (actions, findings, attention points, concept phases) are JSON
    arrays of Markdown strings; the others are Markdown text.
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        related_name="experiments",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    education = models.ForeignKey(
        Education,
        verbose_name=_("education"),
        related_name="experiments",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    program = models.ForeignKey(
        Program, verbose_name=_("program"), related_name="experiments", on_delete=models.PROTECT
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("trial track"),
        related_name="experiments",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner at strategic level"),
        related_name="owned_experiments",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="TeamMembership",
        related_name="team_experiments",
        verbose_name=_("team"),
        blank=True,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("iteration of"),
        related_name="iterations",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    summary = models.TextField(_("summary"), max_length=SECTION_MAX_LENGTH, blank=True)
    challenge = models.TextField(_("challenge"), max_length=SECTION_MAX_LENGTH, blank=True)
    hypothesis = models.TextField(
        _("transformative hypothesis"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    actions = models.JSONField(_("actions"), default=list, blank=True)
    findings = models.JSONField(_("findings"), default=list, blank=True)
    conceptualisable_elements = models.TextField(
        _("conceptualisable elements"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    attention_points = models.JSONField(_("attention points"), default=list, blank=True)
    concept_phases = models.JSONField(_("the concept's phases"), default=list, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.PRE, db_index=True
    )
    phase_entered_at = models.DateTimeField(_("in this phase since"), auto_now_add=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)

    # Frozen at launch, like a preregistration: what was planned stays apart from what emerged.
    registered_challenge = models.TextField(
        _("registered challenge"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    registered_hypothesis = models.TextField(
        _("registered hypothesis"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)

    search_vector = SearchVectorField(null=True, editable=False)
    # The one-time token of the new-experiment form that created it: a second submission of
    # the same form finds this experiment instead of making another.
    created_by_submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=[
            "search_vector",
            "updated_at",
            "phase_entered_at",
            "created_by_submission",
        ],
        cascade_delete_history=True,
    )

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(phase__in=Phase.values), name="experiment_phase_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="experiment_title_present"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="experiment_dates_ordered",
            ),
            *(
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(name), SECTION_MAX_LENGTH),
                    name=f"experiment_{name}_length",
                )
                for name in LIMITED_TEXT_FIELDS
            ),
        ]
        indexes = [
            models.Index(fields=["track", "phase"]),
            # The list's counts per filter option (facets.py) read only these columns: an
            # index-only scan, not the table with its texts (23 ms, not 300, at 100,000).
            models.Index(
                fields=["program", "track", "institution", "phase"], name="experiment_facets"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("experiments:detail", kwargs={"slug": self.slug})

    @property
    def phase_enum(self) -> Phase:
        return Phase(self.phase)

    def registered_changes(self) -> dict[str, bool]:
        """Which registered sections have been edited since launch (none before launch)."""
        launched = self.registered_at is not None
        return {
            "challenge": launched and self.registered_challenge != self.challenge,
            "hypothesis": launched and self.registered_hypothesis != self.hypothesis,
        }


class TeamMembership(models.Model):
    experiment = models.ForeignKey(Experiment, related_name="memberships", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(_("role in the team"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "user"], name="membership_one_per_person_and_experiment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.experiment}"


class PhaseTransition(models.Model):
    """One move on the wheel: from, to, who, when and why."""

    experiment = models.ForeignKey(Experiment, related_name="transitions", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=TransitionKind.choices)
    from_phase = models.CharField(_("from"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("to"), max_length=20, choices=Phase.choices)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    at = models.DateTimeField(_("at"), db_index=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)

    class Meta:
        verbose_name = _("phase transition")
        verbose_name_plural = _("phase transitions")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="transition_note_present"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), NOTE_MAX_LENGTH),
                name="transition_note_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.experiment}: {self.from_phase or '–'} → {self.to_phase}"


from .models_booklet import BookletUpload  # noqa: E402, F401  (the booklet import page)

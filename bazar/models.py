"""The bazar (TIFS model): an event with its working group, themes, booths and pitch rounds.

The people at the event (attendees, pre-registrations, interest cards) are in
models_people.py, imported at the end. Rules live in services.py and statuses.py; the reads
pages need in selectors.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from experiments.models import Experiment
from labportal.organisation.models import Education, Institution

from .enums import EventStatus, PersonRole, RoundKind


class BazarEventQuerySet(models.QuerySet):
    def locked(self, event) -> "BazarEvent":
        """The event's row, locked until the transaction ends (services that move state)."""
        return self.select_for_update().get(pk=event.pk)


def default_reminder_days() -> list[int]:
    return [14, 28]


class BazarEvent(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=20_000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.PLANNING,
        db_index=True,
    )
    institutions = models.ManyToManyField(
        Institution,
        verbose_name=_("participating institutions"),
        related_name="bazar_events",
        blank=True,
    )
    survey_after_days = models.PositiveSmallIntegerField(
        _("days until the effect survey"), default=90
    )
    # Reminders to those who have not answered, this many days after the survey was sent.
    survey_reminder_days = models.JSONField(
        _("reminders after (days)"), default=default_reminder_days, blank=True
    )
    survey_text = models.TextField(_("the survey's greeting"), blank=True)
    survey_reminder_text = models.TextField(_("the reminder's greeting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = BazarEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("bazar event")
        verbose_name_plural = _("bazar events")
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="bazar_event_title_present"),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="bazar_event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values), name="bazar_event_status_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("bazar:event", kwargs={"slug": self.slug})


class EventStatusChange(models.Model):
    """One move of an event's status: from, to, who, when."""

    event = models.ForeignKey(
        BazarEvent,
        verbose_name=_("event"),
        related_name="status_changes",
        on_delete=models.CASCADE,
    )
    from_status = models.CharField(_("from"), max_length=20, choices=EventStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=EventStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.event}: {self.from_status} → {self.to_status}"


class Theme(models.Model):
    """A theme that groups booths and pitch rounds."""

    event = models.ForeignKey(
        BazarEvent, verbose_name=_("event"), related_name="themes", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["event", "title"], name="bazar_theme_unique_title"),
            models.CheckConstraint(condition=~Q(title=""), name="bazar_theme_title_present"),
        ]

    def __str__(self) -> str:
        return self.title


class WorkingGroupMember(models.Model):
    """A person in the event's working group (arbejdsgruppe): an organiser of the event."""

    event = models.ForeignKey(
        BazarEvent,
        verbose_name=_("event"),
        related_name="working_group",
        on_delete=models.CASCADE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        related_name="bazar_working_groups",
        on_delete=models.CASCADE,
    )
    education = models.ForeignKey(
        Education,
        verbose_name=_("education"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)

    class Meta:
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")
        ordering = ["user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="bazar_wg_one_per_person"),
            models.CheckConstraint(
                condition=Q(role__in=PersonRole.values), name="bazar_wg_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"


class Booth(models.Model):
    """One experiment or project shown at the event, with its hosts (stand)."""

    event = models.ForeignKey(
        BazarEvent, verbose_name=_("event"), related_name="booths", on_delete=models.CASCADE
    )
    slug = models.SlugField(_("slug"), max_length=120)
    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        related_name="bazar_booths",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=5_000, blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        related_name="booths",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hosts"),
        related_name="bazar_booths",
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["event", "slug"], name="bazar_booth_unique_slug"),
            models.UniqueConstraint(
                fields=["event", "experiment"],
                condition=Q(experiment__isnull=False),
                name="bazar_booth_one_per_experiment",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="bazar_booth_title_present"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("bazar:booth", kwargs={"event": self.event.slug, "booth": self.slug})


class PitchRound(models.Model):
    """A block of the programme: pitch round 1, shopping, pitch round 2 (optionally per
    theme)."""

    event = models.ForeignKey(
        BazarEvent, verbose_name=_("event"), related_name="rounds", on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        related_name="rounds",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("pitch round")
        verbose_name_plural = _("pitch rounds")
        ordering = ["order", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="bazar_round_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RoundKind.values), name="bazar_round_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%H:%M}"


class PitchSlot(models.Model):
    """A booth's pitch in a round."""

    round = models.ForeignKey(
        PitchRound, verbose_name=_("round"), related_name="slots", on_delete=models.CASCADE
    )
    booth = models.ForeignKey(
        Booth, verbose_name=_("booth"), related_name="slots", on_delete=models.CASCADE
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pitch slot")
        verbose_name_plural = _("pitch slots")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "booth"], name="bazar_slot_one_per_booth"),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.booth}"


from .models_followup import (  # noqa: E402, F401
    EffectAnswer,
    EffectSurvey,
    FollowUpGroup,
    GroupCard,
    Workshop,
)
from .models_people import Attendee, InterestCard, PreRegistration  # noqa: E402, F401

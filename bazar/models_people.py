"""The people at a bazar event: attendees (invitation and attendance), their
pre-registrations and their interest cards (balkort). Imported at the end of models.py;
refers to the event and booths by name so that it imports nothing back."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from labportal.organisation.models import Education

from .enums import Commitment, PersonRole

TAKE_HOME_MAX_LENGTH = 2000


class Attendee(models.Model):
    """A person invited to the event for an education, in a role; `invited_at` is set when
    the invitation has been sent, `checked_in_at` when they are checked in at the door."""

    event = models.ForeignKey(
        "bazar.BazarEvent",
        verbose_name=_("event"),
        related_name="attendees",
        on_delete=models.CASCADE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        related_name="bazar_attendances",
        on_delete=models.PROTECT,
    )
    education = models.ForeignKey(
        Education,
        verbose_name=_("education"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    invited_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="bazar_attendee_once"),
            models.CheckConstraint(
                condition=Q(role__in=PersonRole.values), name="bazar_attendee_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"

    @property
    def is_checked_in(self) -> bool:
        return self.checked_in_at is not None


class PreRegistration(models.Model):
    """An attendee's interest in a booth, announced before the event."""

    attendee = models.ForeignKey(
        Attendee,
        verbose_name=_("attendee"),
        related_name="pre_registrations",
        on_delete=models.CASCADE,
    )
    booth = models.ForeignKey(
        "bazar.Booth",
        verbose_name=_("booth"),
        related_name="pre_registrations",
        on_delete=models.CASCADE,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pre-registration")
        verbose_name_plural = _("pre-registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["attendee", "booth"], name="bazar_prereg_once"),
        ]

    def __str__(self) -> str:
        return f"{self.attendee.user} → {self.booth}"


class InterestCard(models.Model):
    """Balkort: what a visitor expects to take home from a booth. One per visitor and booth;
    `submission` is the create-once token of the form that wrote it."""

    booth = models.ForeignKey(
        "bazar.Booth",
        verbose_name=_("booth"),
        related_name="cards",
        on_delete=models.PROTECT,
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("visitor"),
        related_name="bazar_cards",
        on_delete=models.PROTECT,
    )
    commitment = models.CharField(_("commitment"), max_length=20, choices=Commitment.choices)
    take_home = models.TextField(_("what I take home"), max_length=TAKE_HOME_MAX_LENGTH, blank=True)
    visited = models.BooleanField(_("visited the booth"), default=True)
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("interest card")
        verbose_name_plural = _("interest cards")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["booth", "visitor"], name="bazar_card_one_per_booth"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("take_home"), TAKE_HOME_MAX_LENGTH),
                name="bazar_card_take_home_length",
            ),
            models.CheckConstraint(
                condition=Q(commitment__in=Commitment.values), name="bazar_card_commitment_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visitor} → {self.booth}"

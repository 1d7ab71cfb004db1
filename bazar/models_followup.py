"""After the bazar (TIFS phase 3 and the effect mapping): follow-up groups of interest cards
that want to take the same practice home, their two re-didaktisering workshops, and the
effect survey three months later with its answers. Imported at the end of models.py; refers
to the event, booths and cards by name so that it imports nothing back."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import GroupBasis, Outcome

COMMENT_MAX_LENGTH = 2000


class FollowUpGroup(models.Model):
    """The cards of one event that want to take the same booth's practice home, for one
    education or institution (or put together by hand). `reason` says why it was suggested."""

    event = models.ForeignKey(
        "bazar.BazarEvent",
        verbose_name=_("event"),
        related_name="groups",
        on_delete=models.CASCADE,
    )
    booth = models.ForeignKey(
        "bazar.Booth", verbose_name=_("booth"), related_name="groups", on_delete=models.PROTECT
    )
    title = models.CharField(_("title"), max_length=200)
    basis = models.CharField(_("grouped"), max_length=20, choices=GroupBasis.choices)
    reason = models.TextField(_("why these cards belong together"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("follow-up group")
        verbose_name_plural = _("follow-up groups")
        ordering = ["event", "booth__order", "title", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="bazar_group_title_present"),
            models.CheckConstraint(
                condition=Q(basis__in=GroupBasis.values), name="bazar_group_basis_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class GroupCard(models.Model):
    """An interest card in a follow-up group: a card is in one group at most."""

    group = models.ForeignKey(
        FollowUpGroup, verbose_name=_("group"), related_name="members", on_delete=models.CASCADE
    )
    card = models.OneToOneField(
        "bazar.InterestCard",
        verbose_name=_("interest card"),
        related_name="group_membership",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("card in a group")
        verbose_name_plural = _("cards in groups")

    def __str__(self) -> str:
        return f"{self.group_id}: {self.card_id}"


class Workshop(models.Model):
    """One of a group's two half-day workshops. `content` holds what the group records, by
    the field names of the workshop's form (bazar/workshops.py says which for 1 and 2)."""

    group = models.ForeignKey(
        FollowUpGroup,
        verbose_name=_("group"),
        related_name="workshops",
        on_delete=models.CASCADE,
    )
    number = models.PositiveSmallIntegerField(_("number"))
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    content = models.JSONField(_("what the group recorded"), default=dict, blank=True)
    invited_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="bazar_workshop_once"),
            models.CheckConstraint(
                condition=Q(number__in=(1, 2)), name="bazar_workshop_first_or_second"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="bazar_workshop_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} – {self.number}"


class EffectSurvey(models.Model):
    """The short survey three months after the event, to one person: a member of a
    follow-up group (about the group's practice) or the holder of a "will implement it"
    card that is in no group (about that booth's practice). The link works without signing
    in through a token; only its hash is stored. Single use: answering closes it."""

    event = models.ForeignKey(
        "bazar.BazarEvent",
        verbose_name=_("event"),
        related_name="surveys",
        on_delete=models.CASCADE,
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        related_name="bazar_surveys",
        on_delete=models.PROTECT,
    )
    group = models.ForeignKey(
        FollowUpGroup,
        verbose_name=_("group"),
        related_name="surveys",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    card = models.ForeignKey(
        "bazar.InterestCard",
        verbose_name=_("interest card"),
        related_name="surveys",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("link expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("effect survey")
        verbose_name_plural = _("effect surveys")
        ordering = ["event", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group__isnull=False, card__isnull=True)
                | Q(group__isnull=True, card__isnull=False),
                name="bazar_survey_about_a_group_or_a_card",
            ),
            models.UniqueConstraint(
                fields=["recipient", "group"],
                condition=Q(group__isnull=False),
                name="bazar_survey_once_per_group_member",
            ),
            models.UniqueConstraint(
                fields=["recipient", "card"],
                condition=Q(card__isnull=False),
                name="bazar_survey_once_per_card",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.recipient_id}"


class EffectAnswer(models.Model):
    """What became of the practice, as the survey's recipient answered it (once)."""

    survey = models.OneToOneField(
        EffectSurvey, verbose_name=_("survey"), related_name="answer", on_delete=models.CASCADE
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("effect answer")
        verbose_name_plural = _("effect answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="bazar_answer_outcome_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.outcome}"

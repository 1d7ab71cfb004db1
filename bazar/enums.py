"""Choices of the bazar: an event's status, what a status allows, people's roles, pitch
rounds and the commitment on an interest card (balkort)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    """planning → open → running → closed → follow_up → mapped (see statuses.py)."""

    PLANNING = "planning", _("Planning")
    OPEN = "open", _("Open for pre-registration")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")
    FOLLOW_UP = "follow_up", _("Follow-up")
    MAPPED = "mapped", _("Effect mapped")


class Action(models.TextChoices):
    """What may be done with an event; statuses.ALLOWS says in which statuses."""

    EDIT_SETUP = "edit_setup", _("edit the event, its themes, booths, rounds and working group")
    INVITE = "invite", _("invite participants")
    PRE_REGISTER = "pre_register", _("pre-register interest in booths")
    CHECK_IN = "check_in", _("check participants in")
    WRITE_CARD = "write_card", _("write interest cards")
    SEE_COLLECTION = "see_collection", _("see the collected interest cards")
    FORM_GROUPS = "form_groups", _("form follow-up groups")
    SURVEY = "survey", _("answer the effect survey")


class PersonRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    TEACHER = "teacher", _("Teacher")
    OTHER_STAFF = "other_staff", _("Other staff")


class RoundKind(models.TextChoices):
    ROUND_1 = "round_1", _("Pitch round 1")
    SHOPPING = "shopping", _("Shopping at the booths")
    ROUND_2 = "round_2", _("Pitch round 2")


class Commitment(models.TextChoices):
    INSPIRATION = "inspiration", _("Inspiration")
    TRY = "try", _("Will try it")
    IMPLEMENT = "implement", _("Will implement it")


class GroupBasis(models.TextChoices):
    """How a follow-up group was put together."""

    EDUCATION = "education", _("By education")
    INSTITUTION = "institution", _("By institution")
    MANUAL = "manual", _("By hand")


class Outcome(models.TextChoices):
    """What became of a practice three months after the bazar (the effect survey)."""

    IMPLEMENTED = "implemented", _("Implemented")
    DEVELOPED = "developed", _("Developed further")
    NEW_ACTIVITIES = "new_activities", _("Started new activities")
    NOT_PURSUED = "not_pursued", _("Not pursued")

"""The bazar's background jobs: thin wrappers around invitations.py and receipts.py (each
safe to run twice)."""

from django.utils.translation import gettext_lazy as _

from labportal.jobs.running import job_task

from .invitations import SEND_INVITATION, invitation_deliver
from .receipts import SEND_RECEIPT, receipt_deliver


@job_task(name=SEND_INVITATION, label=_("Send a bazar invitation"), time_limit=90)
def send_invitation(*, attendee_id: int) -> bool:
    return invitation_deliver(attendee_id=attendee_id)


@job_task(name=SEND_RECEIPT, label=_("Send a receipt for interest cards"), time_limit=90)
def send_receipt(*, event_id: int, user_id: int) -> bool:
    return receipt_deliver(event_id=event_id, user_id=user_id)


# --- the effect mapping (effect.py) --------------------------------------------------------

from celery import shared_task  # noqa: E402
from django.utils import timezone  # noqa: E402

from .effect import (  # noqa: E402
    EFFECT_DAILY,
    SEND_SURVEY,
    SEND_SURVEY_REMINDER,
    effect_daily,
    reminder_deliver,
    survey_deliver,
)


@job_task(name=SEND_SURVEY, label=_("Send a bazar effect survey"), time_limit=90)
def send_survey(*, survey_id: int) -> bool:
    return survey_deliver(survey_id=survey_id)


@job_task(
    name=SEND_SURVEY_REMINDER, label=_("Send a reminder of a bazar effect survey"), time_limit=90
)
def send_survey_reminder(*, survey_id: int, number: int) -> bool:
    return reminder_deliver(survey_id=survey_id, number=number)


@shared_task(name=EFFECT_DAILY, time_limit=900, soft_time_limit=840)
def run_effect_daily() -> dict:
    """The daily beat job: due effect surveys and reminders (never a task with an ETA)."""
    return effect_daily(timezone.localdate())


# --- follow-up groups' workshops (services_workshops.py) --------------------------------------

from celery import shared_task as groups_task  # noqa: E402
from django.utils import timezone as groups_timezone  # noqa: E402

from .services_workshops import (  # noqa: E402
    SEND_WORKSHOP_INVITATION,
    SEND_WORKSHOP_REMINDER,
    WORKSHOP_REMINDERS,
    workshop_mail_deliver,
    workshop_reminders_due,
)


@job_task(name=SEND_WORKSHOP_INVITATION, label=_("Send a workshop invitation"), time_limit=90)
def send_workshop_invitation(*, kind: str, workshop_id: int, user_id: int, starts_at: str) -> bool:
    return workshop_mail_deliver(
        kind="invitation", workshop_id=workshop_id, user_id=user_id, starts_at=starts_at
    )


@job_task(name=SEND_WORKSHOP_REMINDER, label=_("Send a workshop reminder"), time_limit=90)
def send_workshop_reminder(*, kind: str, workshop_id: int, user_id: int, starts_at: str) -> bool:
    return workshop_mail_deliver(
        kind="reminder", workshop_id=workshop_id, user_id=user_id, starts_at=starts_at
    )


@groups_task(name=WORKSHOP_REMINDERS, soft_time_limit=100, time_limit=120)
def workshop_reminders() -> int:
    """Hourly (CELERY_BEAT_SCHEDULE): record the reminders of tomorrow's workshops."""
    return workshop_reminders_due(groups_timezone.now())

"""The 3-month effect mapping: which surveys are due, sending them and their reminders, and
answering one through its link.

- `effect_daily(today)` is the daily beat job's body (task "bazar.effect_daily", tasks.py):
  for every event in follow-up whose date + `survey_after_days` ≤ today it creates the
  missing surveys (`surveys_create`) and records one e-mail job per new survey; then it
  records the reminders that are due. Only events in follow-up: the status table allows
  answering (`Action.SURVEY`) there only, so a survey of a closed or mapped event could not be
  answered. Idempotent: the surveys' unique constraints and the jobs' keys
  ("bazar-survey:<id>", "bazar-survey-reminder:<id>:<n>") make a second run the same day
  record nothing.
- Who gets one: each member of a follow-up group (about the group), and each holder of a
  "will implement it" card that is in no group (about that card's booth) who was checked in
  or belongs to one of the event's groups.
- Tokens: `secrets.token_urlsafe(32)`; only its sha256 hex is stored (`token_hash`). The
  plain token is made when the e-mail is written (`survey_deliver`) and exists only in that
  e-mail (never in a job's arguments or a notification). The link expires 60 days after the
  survey was sent (`LINK_DAYS`). A reminder needs a link again, and the old token is only a
  hash: each reminder rotates the token (a new token and hash, the same expiry), so only
  the latest e-mail's link works.
- Reminders: one per entry of `event.survey_reminder_days` (days after `sent_at`), in order,
  each once (`reminders_sent` counts them), at most one a day, to surveys not answered whose
  link has not expired.
- Answering through the link is in effect_answering.py (re-exported here).
"""

import datetime
import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from labportal.core import fragments
from labportal.jobs.services import record_many
from labportal.notifications.services import notification_for_sent_email

from . import statuses
from .effect_answering import (  # noqa: F401  (re-exported)
    SurveyNotOpen,
    SurveyState,
    new_token,
    survey_answer,
    survey_for_token,
    survey_state,
    token_hash,
)
from .enums import Action, Commitment, EventStatus
from .models import Attendee, BazarEvent, EffectSurvey, GroupCard, InterestCard

logger = logging.getLogger(__name__)

SEND_SURVEY = "bazar.send_survey"
SEND_SURVEY_REMINDER = "bazar.send_survey_reminder"
EFFECT_DAILY = "bazar.effect_daily"
LINK_DAYS = 60


def survey_key(survey_id: int) -> str:
    return f"bazar-survey:{survey_id}"


def reminder_key(survey_id: int, number: int) -> str:
    return f"bazar-survey-reminder:{survey_id}:{number}"


# --- what is due --------------------------------------------------------------------------


def due_events(today: datetime.date) -> list[BazarEvent]:
    """Events in follow-up whose survey day has come."""
    events = BazarEvent.objects.filter(status=EventStatus.FOLLOW_UP, date__lte=today)
    return [e for e in events if e.date + datetime.timedelta(days=e.survey_after_days) <= today]


def wanted_surveys(event: BazarEvent) -> tuple[set, set]:
    """(recipient id, group id) pairs and (recipient id, card id) pairs that should have a
    survey. Three queries."""
    members = set(
        GroupCard.objects.filter(group__event=event).values_list("card__visitor_id", "group_id")
    )
    in_groups = {user_id for user_id, _group in members}
    checked_in = set(
        Attendee.objects.filter(event=event, checked_in_at__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    cards = {
        (visitor_id, card_id)
        for card_id, visitor_id in InterestCard.objects.filter(
            booth__event=event,
            commitment=Commitment.IMPLEMENT,
            group_membership__isnull=True,
        ).values_list("pk", "visitor_id")
        if visitor_id in checked_in or visitor_id in in_groups
    }
    return members, cards


def surveys_create(event: BazarEvent, *, now=None) -> list[int]:
    """Create the event's missing surveys (not sent yet: `sent_at` is set when the e-mail
    goes); return the new surveys' ids. The event row is locked meanwhile."""
    now = now or timezone.now()
    with transaction.atomic():
        BazarEvent.objects.locked(event)
        members, cards = wanted_surveys(event)
        have = EffectSurvey.objects.filter(event=event).values_list(
            "recipient_id", "group_id", "card_id"
        )
        have_groups, have_cards = set(), set()
        for recipient_id, group_id, card_id in have:
            if group_id:
                have_groups.add((recipient_id, group_id))
            else:
                have_cards.add((recipient_id, card_id))
        expires = now + datetime.timedelta(days=LINK_DAYS)
        # Until the e-mail is written the hash is of a token nobody has.
        rows = [
            EffectSurvey(
                event=event,
                recipient_id=r,
                group_id=g,
                token_hash=new_token()[1],
                expires_at=expires,
            )
            for r, g in sorted(members - have_groups)
        ] + [
            EffectSurvey(
                event=event,
                recipient_id=r,
                card_id=c,
                token_hash=new_token()[1],
                expires_at=expires,
            )
            for r, c in sorted(cards - have_cards)
        ]
        created = EffectSurvey.objects.bulk_create(rows, batch_size=2000)
        ids = [s.pk for s in created]
        record_many(SEND_SURVEY, [(survey_key(pk), {"survey_id": pk}) for pk in ids])
        if ids:
            fragments.invalidate()  # bulk writes send no signals
    return ids


def reminders_record(today: datetime.date, *, now=None) -> int:
    """Record the next reminder of every survey (of an event in follow-up) whose reminder day
    has come: not answered, link not expired. One query and one bulk insert."""
    now = now or timezone.now()
    waiting = EffectSurvey.objects.filter(
        event__status=EventStatus.FOLLOW_UP,
        sent_at__isnull=False,
        answered_at__isnull=True,
        expires_at__gt=now,
    ).values_list(
        "pk", "sent_at", "reminders_sent", "last_reminded_at", "event__survey_reminder_days"
    )
    items = []
    for pk, sent_at, sent, reminded_at, days in waiting.iterator(chunk_size=5000):
        days = sorted(d for d in (days or []) if isinstance(d, int) and d > 0)
        if sent >= len(days):
            continue
        if reminded_at is not None and timezone.localdate(reminded_at) >= today:
            continue  # one reminder a day at most, however late the job ran
        number = sent + 1
        if timezone.localdate(sent_at) + datetime.timedelta(days=days[sent]) <= today:
            items.append((reminder_key(pk, number), {"survey_id": pk, "number": number}))
    return record_many(SEND_SURVEY_REMINDER, items)


def effect_daily(today: datetime.date) -> dict[str, int]:
    """The daily job: new surveys for the events that are due, and the reminders due."""
    now = timezone.now()
    created = sum(len(surveys_create(event, now=now)) for event in due_events(today))
    with transaction.atomic():
        reminders = reminders_record(today, now=now)
    logger.info("Effect surveys: %s new, %s reminders.", created, reminders)
    return {"surveys": created, "reminders": reminders}


# --- sending ------------------------------------------------------------------------------


def survey_url(token: str) -> str:
    from django.conf import settings

    path = reverse("bazar:survey", kwargs={"token": token})
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


def practice_title(survey: EffectSurvey) -> str:
    """What the survey is about: the group's booth, or the card's booth."""
    return survey.group.booth.title if survey.group_id else survey.card.booth.title


def _render(survey: EffectSurvey, token: str, *, reminder: bool) -> tuple[str, str, str]:
    """(subject, e-mail body, inbox body) in the current language."""
    event = survey.event
    greeting = event.survey_reminder_text if reminder else event.survey_text
    context = {
        "person": survey.recipient,
        "event": event,
        "practice": practice_title(survey),
        "group": survey.group,
        "greeting": greeting,
        "url": survey_url(token),
        "expires_at": survey.expires_at,
        "reminder": reminder,
    }
    if reminder:
        subject = _("Reminder: what became of “%(practice)s”?")
    else:
        subject = _("What became of “%(practice)s”? A short question from the bazar")
    subject = subject % {"practice": context["practice"]}
    body = render_to_string("bazar/emails/survey_email.txt", context)
    inbox = render_to_string("bazar/emails/survey_inbox.txt", context)
    return subject[:200], body, inbox


def _locked(survey_id: int) -> EffectSurvey | None:
    return (
        EffectSurvey.objects.select_for_update(of=("self",))
        .select_related("recipient", "event", "group__booth", "card__booth")
        .filter(pk=survey_id)
        .first()
    )


def _send(survey: EffectSurvey, *, reminder: bool, now) -> None:
    """Rotate the token and e-mail the link; an inbox notification without the link."""
    token, survey.token_hash = new_token()
    user = survey.recipient
    with translation.override(user.language):
        subject, body, inbox = _render(survey, token, reminder=reminder)
    if user.email:
        EmailMessage(subject=subject, body=body, to=[user.email]).send()
    notification_for_sent_email(
        recipient=user, subject=subject, body=inbox, url=survey.event.get_absolute_url()
    )


def survey_deliver(*, survey_id: int) -> bool:
    """Send one survey once (the job's body); False when there is nothing to send."""
    with transaction.atomic():
        survey = _locked(survey_id)
        if survey is None or survey.sent_at is not None or survey.answered_at is not None:
            return False
        if not statuses.allows(survey.event, Action.SURVEY):
            logger.info(
                "Event %s is not in follow-up; survey %s not sent.", survey.event_id, survey_id
            )
            return False
        now = timezone.now()
        survey.sent_at = now
        survey.expires_at = now + datetime.timedelta(days=LINK_DAYS)
        _send(survey, reminder=False, now=now)
        survey.save(update_fields=["token_hash", "sent_at", "expires_at"])
    return True


def reminder_deliver(*, survey_id: int, number: int) -> bool:
    """Send a survey's reminder `number` once; the token rotates, the expiry stays."""
    with transaction.atomic():
        survey = _locked(survey_id)
        if survey is None or survey.sent_at is None or survey.answered_at is not None:
            return False
        now = timezone.now()
        if survey.reminders_sent >= number or survey.expires_at <= now:
            return False
        if not statuses.allows(survey.event, Action.SURVEY):
            return False
        survey.reminders_sent = number
        survey.last_reminded_at = now
        _send(survey, reminder=True, now=now)
        survey.save(update_fields=["token_hash", "reminders_sent", "last_reminded_at"])
    return True

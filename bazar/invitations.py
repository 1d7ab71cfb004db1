"""Invitations to a bazar event: who is invited for which education, the e-mails that invite
them, and what the invitations page reads.

- `invitations_send(event=, by=)` records one job per attendee whose invitation has not
  gone out (`labportal.jobs.services.record`, key "bazar-invitation:<attendee id>"), in the
  caller's transaction: a second click records nothing new.
- `invitation_deliver(attendee_id=)` is that job's body (tasks.py): the e-mail in the
  person's language with the calendar entry (calendar.py) attached, an inbox notification,
  and `services.attendee_invitation_sent`. The attendee's row is locked while it runs and
  `invited_at` says whether it was done, so a job that runs twice sends once. The inbox
  notification is stored with `emailed_at` set: the invitation's own e-mail (with the .ics)
  is its e-mail, so the notifications' e-mail job is not recorded for it.
- `invitation_overview(event)`: the invitations page's read, three queries.
"""

import logging
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from labportal import jobs
from labportal.accounts.models import User
from labportal.jobs.models import Job
from labportal.notifications.services import notification_for_sent_email
from labportal.organisation.models import Education

from . import rules, services, statuses
from .calendar import event_ics, event_url
from .enums import Action, EventStatus, PersonRole
from .models import Attendee, BazarEvent

logger = logging.getLogger(__name__)

SEND_INVITATION = "bazar.send_invitation"
# After the event there is nothing to invite to: a job still waiting then sends nothing.
SENDABLE = frozenset({EventStatus.PLANNING, EventStatus.OPEN, EventStatus.RUNNING})


def invitation_key(attendee_id: int) -> str:
    return f"bazar-invitation:{attendee_id}"


# --- sending ------------------------------------------------------------------------------


@transaction.atomic
def invitations_send(*, event: BazarEvent, by: User) -> int:
    """Record the invitation e-mail of every attendee not invited yet (no job of theirs yet);
    return how many were recorded now. Organisers only, while the status allows inviting."""
    locked = BazarEvent.objects.locked(event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.INVITE)
    waiting = list(
        Attendee.objects.filter(event=locked, invited_at__isnull=True).values_list("pk", flat=True)
    )
    keys = {invitation_key(pk): pk for pk in waiting}
    recorded = set(Job.objects.filter(key__in=list(keys)).values_list("key", flat=True))
    n = 0
    for key, pk in keys.items():
        if key not in recorded:
            jobs.record(SEND_INVITATION, key=key, attendee_id=pk)
            n += 1
    return n


def _render(attendee: Attendee) -> tuple[str, str]:
    event = attendee.event
    context = {
        "attendee": attendee,
        "person": attendee.user,
        "event": event,
        "role": PersonRole(attendee.role).label,
        "url": event_url(event),
    }
    subject = _("Invitation: %(title)s on %(date)s") % {
        "title": event.title,
        "date": event.date.strftime("%d.%m.%Y"),
    }
    body = render_to_string("bazar/emails/invitation.txt", context)
    return subject[:200], body


def invitation_deliver(*, attendee_id: int) -> bool:
    """Send one attendee's invitation once; False when there is nothing (more) to send."""
    with transaction.atomic():
        attendee = (
            Attendee.objects.select_for_update(of=("self",))
            .select_related("user", "event", "education__institution")
            .filter(pk=attendee_id)
            .first()
        )
        if attendee is None:
            logger.info("Attendee %s is gone; no invitation to send.", attendee_id)
            return False
        if attendee.invited_at is not None:
            return False
        if attendee.event.status not in SENDABLE:
            logger.info("Event %s is over; invitation %s not sent.", attendee.event_id, attendee_id)
            return False
        user = attendee.user
        with translation.override(user.language):
            subject, body = _render(attendee)
        if user.email:
            message = EmailMessage(subject=subject, body=body, to=[user.email])
            ics = event_ics(attendee.event, attendee=user, description=attendee.event.description)
            message.attach("bazar.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")
            message.send()
        now = timezone.now()
        notification_for_sent_email(
            recipient=user, subject=subject, body=body, url=attendee.event.get_absolute_url()
        )
        services.attendee_invitation_sent(attendee=attendee, at=now)
    return True


# --- the page's read ----------------------------------------------------------------------


@dataclass
class Invited:
    """One attendee and where their invitation is: `sent` (invited_at), `waiting` (the job
    is recorded), `failed` (the job gave up), or `not_sent`."""

    attendee: Attendee
    state: str


@dataclass
class EducationInvitations:
    education: Education
    leaders: list[Invited] = field(default_factory=list)
    teachers: list[Invited] = field(default_factory=list)
    others: list[Invited] = field(default_factory=list)

    @property
    def meets(self) -> bool:
        """The rule: a leader and at least one teacher."""
        return bool(self.leaders) and bool(self.teachers)

    @property
    def people(self) -> int:
        return len(self.leaders) + len(self.teachers) + len(self.others)


@dataclass
class InvitationOverview:
    rows: list[EducationInvitations]
    # Attendees for an education of an institution no longer taking part.
    elsewhere: list[Invited]
    counts: dict[str, int]

    @property
    def all_meet(self) -> bool:
        return all(row.meets for row in self.rows)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _state(attendee: Attendee, jobs_by_key: dict[str, str]) -> str:
    if attendee.invited_at is not None:
        return "sent"
    job_state = jobs_by_key.get(invitation_key(attendee.pk))
    if job_state is None:
        return "not_sent"
    return "failed" if job_state == Job.State.FAILED else "waiting"


def invitation_overview(event: BazarEvent) -> InvitationOverview:
    """Every education of the participating institutions (by institution, then name) with
    its invited people by role; three queries."""
    educations = (
        Education.objects.filter(institution__bazar_events=event)
        .select_related("institution")
        .order_by("institution__name", "name")
    )
    rows = {e.pk: EducationInvitations(education=e) for e in educations}
    attendees = list(
        event.attendees.select_related("user", "education__institution").order_by(
            "user__first_name", "user__last_name", "user__username"
        )
    )
    keys = [invitation_key(a.pk) for a in attendees if a.invited_at is None]
    jobs_by_key = dict(Job.objects.filter(key__in=keys).values_list("key", "state")) if keys else {}
    counts = dict.fromkeys(("sent", "waiting", "failed", "not_sent"), 0)
    elsewhere = []
    for attendee in attendees:
        invited = Invited(attendee=attendee, state=_state(attendee, jobs_by_key))
        counts[invited.state] += 1
        row = rows.get(attendee.education_id)
        if row is None:
            elsewhere.append(invited)
        elif attendee.role == PersonRole.LEADER:
            row.leaders.append(invited)
        elif attendee.role == PersonRole.TEACHER:
            row.teachers.append(invited)
        else:
            row.others.append(invited)
    return InvitationOverview(rows=list(rows.values()), elsewhere=elsewhere, counts=counts)


def invitable_people():
    """Whom the invite form offers: active users by name."""
    return User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")

"""The workshops of a follow-up group: scheduling and inviting (organisers), writing what the
group records (its members and the organisers, field by field as they go), the invitation
and reminder e-mails with a calendar entry, and the reminders due the day before.

- `workshop_invite` records one job per member (`bazar.send_workshop_invitation`), keyed by
  workshop, person and start: a second click records nothing; a new time invites again.
- `workshop_reminders_due(now)` (the beat task `bazar.workshop_reminders`, hourly) records a
  reminder job per member of each invited workshop that starts the next day (local time),
  keyed the same way: running it twice the same day records nothing new.
- A job's body (`workshop_mail_deliver`) sends once: the e-mail in the person's language
  with the .ics, and the inbox notification (stored as e-mailed); a notification already
  stored for the same workshop, person and start means it was sent.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from labportal import jobs
from labportal.accounts.models import User
from labportal.jobs.models import Job
from labportal.notifications.models import Notification
from labportal.notifications.services import notification_for_sent_email

from . import rules, statuses
from .calendar import ZONE, calendar_ics, event_uid
from .enums import Action, EventStatus
from .exceptions import NotAllowed, Refused, WrongStatus
from .models import BazarEvent, GroupCard, Workshop
from .rules_followup import can_edit_workshop
from .services_groups import group_url
from .workshops import clean_value, field_of

logger = logging.getLogger(__name__)

SEND_WORKSHOP_INVITATION = "bazar.send_workshop_invitation"
SEND_WORKSHOP_REMINDER = "bazar.send_workshop_reminder"
WORKSHOP_REMINDERS = "bazar.workshop_reminders"
# What the group records can be written while the group lives on (follow-up, mapped).
WRITABLE = frozenset({EventStatus.FOLLOW_UP, EventStatus.MAPPED})
PLACE_MAX = 200


def _stamp(starts_at: dt.datetime) -> str:
    return starts_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M")


def mail_key(kind: str, workshop_id: int, user_id: int, starts_at: dt.datetime) -> str:
    return f"bazar-workshop-{kind}:{workshop_id}:{user_id}:{_stamp(starts_at)}"


def _member_ids(group_id: int) -> list[int]:
    return list(
        GroupCard.objects.filter(group_id=group_id, card__visitor__is_active=True)
        .order_by("card__visitor_id")
        .values_list("card__visitor_id", flat=True)
        .distinct()
    )


def _organised(workshop: Workshop, by: User) -> Workshop:
    event = BazarEvent.objects.locked(workshop.group.event)
    rules.require_organiser(by, event)
    statuses.require(event, Action.FORM_GROUPS)
    locked = Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    if locked is None:
        raise WrongStatus(_("The group has been removed meanwhile; nothing was changed."))
    locked.group = workshop.group
    return locked


@transaction.atomic
def workshop_schedule(
    *, workshop: Workshop, by: User, starts_at: dt.datetime, ends_at: dt.datetime, place: str
) -> Workshop:
    """Set when and where the workshop is (organisers, in follow-up)."""
    found = _organised(workshop, by)
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise Refused(_("Give the workshop's time with a time zone."))
    if ends_at <= starts_at:
        raise Refused(_("The workshop must end after it starts."))
    place = (place or "").strip()
    if len(place) > PLACE_MAX:
        raise Refused(_("The place can be at most %(max)d characters.") % {"max": PLACE_MAX})
    found.starts_at, found.ends_at, found.place = starts_at, ends_at, place
    found.save(update_fields=["starts_at", "ends_at", "place", "updated_at"])
    return found


@transaction.atomic
def workshop_invite(*, workshop: Workshop, by: User) -> int:
    """Record the invitation e-mail of every member not invited to this time yet; return how
    many were recorded now."""
    found = _organised(workshop, by)
    if found.starts_at is None:
        raise Refused(_("Set the workshop's time before you invite."))
    wanted = [(found.pk, user_id, found.starts_at) for user_id in _member_ids(found.group_id)]
    n = _record("invitation", SEND_WORKSHOP_INVITATION, wanted)
    found.invited_at = timezone.now()
    found.save(update_fields=["invited_at", "updated_at"])
    return n


def workshop_reminders_due(now: dt.datetime) -> int:
    """Record the reminder of each member of each invited workshop that starts tomorrow
    (Europe/Copenhagen); how many were recorded now. Safe to run as often as wanted."""
    tomorrow = now.astimezone(ZONE).date() + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time(0, 0), tzinfo=ZONE)
    due = Workshop.objects.filter(
        starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=1),
        invited_at__isnull=False,
        group__event__status__in=list(WRITABLE),
    ).values_list("pk", "group_id", "starts_at")
    due = list(due.order_by("pk"))
    members: dict[int, list[int]] = {}
    for group_id, user_id in (
        GroupCard.objects.filter(
            group_id__in={group_id for _pk, group_id, _at in due}, card__visitor__is_active=True
        )
        .order_by("card__visitor_id")
        .values_list("group_id", "card__visitor_id")
    ):
        members.setdefault(group_id, []).append(user_id)
    wanted = [
        (workshop_id, user_id, starts_at)
        for workshop_id, group_id, starts_at in due
        for user_id in dict.fromkeys(members.get(group_id, ()))
    ]
    with transaction.atomic():
        return _record("reminder", SEND_WORKSHOP_REMINDER, wanted)


def _record(kind: str, task: str, wanted: list[tuple[int, int, dt.datetime]]) -> int:
    """A job per (workshop, person, start) whose key is not recorded yet; how many."""
    keys = {mail_key(kind, w, u, at): (w, u, at) for w, u, at in wanted}
    recorded = set(Job.objects.filter(key__in=list(keys)).values_list("key", flat=True))
    for key, (workshop_id, user_id, starts_at) in keys.items():
        if key not in recorded:
            jobs.record(
                task,
                key=key,
                kind=kind,
                workshop_id=workshop_id,
                user_id=user_id,
                starts_at=starts_at.isoformat(),
            )
    return len(keys) - len(recorded)


# --- what the group records -----------------------------------------------------------------


@transaction.atomic
def workshop_save(*, workshop: Workshop, by: User, field: str, value) -> Workshop:
    """Save one field of the workshop's record (a member of the group or an organiser)."""
    group = workshop.group
    if not can_edit_workshop(by, group):
        raise NotAllowed(
            _("Only the group's members and the event's organisers can write in its workshops.")
        )
    definition = field_of(workshop.number, field)
    if definition is None:
        raise Refused(_("The workshop has no such field."))
    try:
        cleaned = clean_value(definition, value)
    except ValueError as exc:
        raise Refused(f"{definition.label}: {exc}") from exc
    status = BazarEvent.objects.filter(pk=group.event_id).values_list("status", flat=True).first()
    if status not in WRITABLE:
        raise WrongStatus(_("The event is no longer in follow-up; the workshops cannot change."))
    found = Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    if found is None:
        raise WrongStatus(_("The group has been removed meanwhile; nothing was changed."))
    if found.content.get(field) != cleaned:
        found.content = {**found.content, field: cleaned}
        found.updated_by = by
        found.save(update_fields=["content", "updated_by", "updated_at"])
    found.group = group
    return found


# --- the e-mails ------------------------------------------------------------------------------


def workshop_ics(workshop: Workshop, *, attendee=None, url: str = "") -> bytes:
    """The calendar entry of the workshop; its UID is the workshop's, so a new time
    replaces the entry."""
    group = workshop.group
    return calendar_ics(
        uid=f"workshop-{workshop.pk}-{event_uid(group.event)}",
        starts=workshop.starts_at,
        ends=workshop.ends_at or workshop.starts_at + dt.timedelta(hours=3),
        summary=f"{_('Workshop %(number)d') % {'number': workshop.number}}: {group.title}",
        location=workshop.place,
        description="",
        url=url,
        sequence=int(workshop.starts_at.timestamp()) // 60 % 2_000_000_000,
        attendee=attendee,
    )


def workshop_mail_deliver(*, kind: str, workshop_id: int, user_id: int, starts_at: str) -> bool:
    """Send one invitation or reminder ("invitation" / "reminder") once; False when there is
    nothing (more) to send: the workshop or person is gone, the person left the group, the
    time changed since the job was recorded, or it was sent already."""
    with transaction.atomic():
        workshop = (
            Workshop.objects.select_for_update(of=("self",))
            .select_related("group__event", "group__booth")
            .filter(pk=workshop_id)
            .first()
        )
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if workshop is None or user is None or workshop.starts_at is None:
            logger.info("Workshop %s or person %s is gone; nothing sent.", workshop_id, user_id)
            return False
        if workshop.starts_at != dt.datetime.fromisoformat(starts_at) or user_id not in _member_ids(
            workshop.group_id
        ):
            return False
        group = workshop.group
        url = f"{group_url(group)}#workshop-{workshop.number}"
        full_url = f"{settings.PORTAL_BASE_URL.rstrip('/')}{url}"
        with translation.override(user.language):
            local = timezone.localtime(workshop.starts_at, ZONE)
            values = {"number": workshop.number, "title": group.title, "date": f"{local:%d.%m.%Y}"}
            if kind == "reminder":
                subject = _("Tomorrow, %(date)s: workshop %(number)d of “%(title)s”") % values
            else:
                subject = _("Invitation: workshop %(number)d of “%(title)s” on %(date)s") % values
            body = render_to_string(
                f"bazar/emails/workshop_{kind}.txt",
                {
                    "workshop": workshop,
                    "group": group,
                    "person": user,
                    "url": full_url,
                    "starts": local,
                    "ends": timezone.localtime(workshop.ends_at, ZONE)
                    if workshop.ends_at
                    else None,
                },
            )
        subject = subject[:200]
        if Notification.objects.filter(recipient=user, url=url, subject=subject).exists():
            return False
        if user.email:
            message = EmailMessage(subject=subject, body=body, to=[user.email])
            ics = workshop_ics(workshop, attendee=user, url=full_url)
            message.attach("workshop.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")
            message.send()
        notification_for_sent_email(recipient=user, subject=subject, body=body, url=url)
    return True

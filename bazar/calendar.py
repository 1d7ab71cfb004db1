"""The invitation's calendar entry (.ics, RFC 5545) made with icalendar.

One VEVENT per event whose UID depends on the event alone, so a second invitation (after the
time or place changed) replaces the entry in the person's calendar instead of adding one.
Times are the event's local times in Europe/Copenhagen, written with TZID and the VTIMEZONE
they need. METHOD:REQUEST with the portal's sender (DEFAULT_FROM_EMAIL) as ORGANIZER makes
mail programs offer to add it.
"""

import datetime as dt
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .models import BazarEvent

ZONE = ZoneInfo("Europe/Copenhagen")
PRODID = "-//labportal//bazar//DA"


def event_uid(event: BazarEvent) -> str:
    """Stable for the event: its slug never changes, and the portal's host names it."""
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "labportal"
    return f"bazar-{event.slug}@{host}"


def event_url(event: BazarEvent) -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{event.get_absolute_url()}"


def _address(value: str, name: str = "") -> vCalAddress:
    display, email = parseaddr(value)
    address = vCalAddress(f"mailto:{email or value}")
    if display or name:
        address.params["cn"] = vText(display or name)
    return address


def calendar_ics(
    *,
    uid: str,
    starts: dt.datetime,
    ends: dt.datetime,
    summary: str,
    location: str,
    description: str,
    url: str,
    sequence: int = 0,
    attendee=None,
) -> bytes:
    """One entry as a calendar file that invites `attendee` (a user, optional); the same
    `uid` with a higher `sequence` replaces an entry sent before."""
    entry = Event()
    entry.add("uid", uid)
    entry.add("dtstamp", timezone.now().astimezone(dt.UTC))
    entry.add("dtstart", starts.astimezone(ZONE))
    entry.add("dtend", ends.astimezone(ZONE))
    entry.add("summary", summary)
    if location:
        entry.add("location", location)
    entry.add("description", f"{description}\n\n{url}".strip())
    entry.add("url", url)
    entry.add("sequence", sequence)
    entry.add("organizer", _address(settings.DEFAULT_FROM_EMAIL))
    if attendee is not None and attendee.email:
        person = _address(attendee.email, attendee.get_full_name() or attendee.username)
        person.params["role"] = vText("REQ-PARTICIPANT")
        person.params["rsvp"] = vText("FALSE")
        entry.add("attendee", person)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_ics(event: BazarEvent, *, attendee=None, description: str = "") -> bytes:
    """The calendar file inviting `attendee` (a user, optional) to `event`. `description`
    is the text shown with the entry; the event's page URL is added to it."""
    return calendar_ics(
        uid=event_uid(event),
        starts=dt.datetime.combine(event.date, event.start_time, tzinfo=ZONE),
        ends=dt.datetime.combine(event.date, event.end_time, tzinfo=ZONE),
        summary=event.title,
        location=event.place,
        description=description,
        url=event_url(event),
        attendee=attendee,
    )

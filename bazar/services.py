"""Every write on the bazar. Each service checks who may act (rules.py) and whether the
event's status allows it (statuses.py), raises a BazarError with a translated message when
not, and then changes nothing. All take keyword arguments only.

This module holds the event itself (create, edit, status moves), its themes and its working
group. The rest lives beside it and is re-exported here, so callers import one module:

- services_booths.py: booths, pitch rounds and their slots;
- services_attendance.py: invitations, check-in, pre-registration;
- services_cards.py: interest cards (balkort).
"""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from labportal.accounts.models import User
from labportal.core.text import danish_slugify
from labportal.core.updating import model_update
from labportal.organisation.models import Education, Institution

from . import rules, statuses
from .enums import Action, EventStatus, PersonRole
from .exceptions import NotAllowed, Refused, WrongStatus
from .models import BazarEvent, EventStatusChange, Theme, WorkingGroupMember
from .receipts import receipts_record
from .services_attendance import (  # noqa: F401  (re-exported)
    attendee_check_in,
    attendee_invitation_sent,
    attendee_invite,
    attendee_remove,
    pre_register,
)
from .services_booths import (  # noqa: F401  (re-exported)
    booth_add,
    booth_remove,
    booth_update,
    round_add,
    round_remove,
    round_update,
    slot_add,
    slot_remove,
    slot_update,
)
from .services_cards import card_submit  # noqa: F401  (re-exported)

EVENT_FIELDS = frozenset(
    {
        "title",
        "date",
        "start_time",
        "end_time",
        "place",
        "description",
        "survey_after_days",
        "institutions",
    }
)
RESERVED_SLUGS = frozenset({"new", "ny"})


def _event_slug(title: str) -> str:
    base = danish_slugify(title) or "bazar"
    taken = set(BazarEvent.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_event_fields(fields: dict) -> dict:
    """Cleaned fields, or Refused naming what is wrong."""
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
        if not fields["title"]:
            raise Refused(_("An event needs a title."))
    start, end = fields.get("start_time"), fields.get("end_time")
    if start is not None and end is not None and end <= start:
        raise Refused(_("The event must end after it starts."))
    if "place" in fields:
        fields["place"] = (fields["place"] or "").strip()
    return fields


# --- the event ----------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    by: User,
    title: str,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    place: str = "",
    description: str = "",
    institutions: Iterable[Institution] = (),
    survey_after_days: int = 90,
) -> BazarEvent:
    """A new event in planning, with a slug made from its title. Administrators only."""
    if not rules.can_create_event(by):
        raise NotAllowed(_("Only administrators create bazar events."))
    fields = _check_event_fields(
        {"title": title, "start_time": start_time, "end_time": end_time, "place": place}
    )
    for _attempt in range(3):
        try:
            with transaction.atomic():
                event = BazarEvent.objects.create(
                    slug=_event_slug(fields["title"]),
                    date=date,
                    description=description or "",
                    survey_after_days=survey_after_days,
                    created_by=by,
                    **fields,
                )
            break
        except IntegrityError:  # the slug was taken a moment ago
            continue
    else:
        raise Refused(_("The event could not be saved; please try again."))
    event.institutions.set(list(institutions))
    return event


@transaction.atomic
def event_update(*, event: BazarEvent, by: User, **fields) -> list[str]:
    """Change the event's details (any of EVENT_FIELDS; `institutions` is a list); return
    the names that changed. In planning and open only."""
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise TypeError(f"event_update() got fields it may not change: {sorted(unknown)}")
    locked = BazarEvent.objects.locked(event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.EDIT_SETUP)
    institutions = fields.pop("institutions", None)
    fields = _check_event_fields(fields)
    if fields.get("end_time", locked.end_time) <= fields.get("start_time", locked.start_time):
        raise Refused(_("The event must end after it starts."))
    changed = model_update(locked, fields)
    if institutions is not None:
        wanted = {i.pk for i in institutions}
        if wanted != set(locked.institutions.values_list("pk", flat=True)):
            locked.institutions.set(wanted)
            changed.append("institutions")
    event.refresh_from_db()
    return changed


@transaction.atomic
def event_move(*, event: BazarEvent, by: User, to_status: EventStatus) -> EventStatusChange:
    """Move the event to the next status, or from open back to planning, and record who and
    when. WrongStatus when `to_status` is not a move from where the event is, or when the
    event moved since `event` was read (a double click, two organisers at once)."""
    locked = BazarEvent.objects.locked(event)
    rules.require_organiser(by, locked)
    if locked.status != event.status:
        raise WrongStatus(
            _("The event is now “%(status)s”: someone else has moved it. Nothing was done.")
            % {"status": EventStatus(locked.status).label}
        )
    to_status = EventStatus(to_status)
    if to_status not in statuses.moves_from(locked.status):
        raise WrongStatus(
            _("An event that is “%(status)s” cannot move to “%(to)s”.")
            % {"status": EventStatus(locked.status).label, "to": to_status.label}
        )
    change = EventStatusChange.objects.create(
        event=locked, from_status=locked.status, to_status=to_status, by=by
    )
    locked.status = to_status
    locked.save(update_fields=["status"])
    event.status = to_status
    if to_status == EventStatus.CLOSED:  # each visitor gets a receipt of their cards
        receipts_record(event=locked)
    return change


# --- themes -------------------------------------------------------------------------------


def _theme_title(event: BazarEvent, title: str, *, exclude: int | None = None) -> str:
    title = (title or "").strip()
    if not title:
        raise Refused(_("A theme needs a title."))
    same = Theme.objects.filter(event=event, title=title).exclude(pk=exclude)
    if same.exists():
        raise Refused(_("The event already has the theme “%(title)s”.") % {"title": title})
    return title


@transaction.atomic
def theme_add(*, event: BazarEvent, by: User, title: str) -> Theme:
    """A theme placed after the event's others."""
    locked = BazarEvent.objects.locked(event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.EDIT_SETUP)
    title = _theme_title(locked, title)
    last = locked.themes.aggregate(last=Max("order"))["last"]
    return Theme.objects.create(event=locked, title=title, order=(last or 0) + 1)


@transaction.atomic
def theme_update(
    *, theme: Theme, by: User, title: str | None = None, order: int | None = None
) -> list[str]:
    locked = BazarEvent.objects.locked(theme.event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.EDIT_SETUP)
    data = {}
    if title is not None:
        data["title"] = _theme_title(locked, title, exclude=theme.pk)
    if order is not None:
        data["order"] = order
    return model_update(theme, data)


@transaction.atomic
def theme_remove(*, theme: Theme, by: User) -> None:
    """Remove a theme; its booths and rounds stay, without a theme."""
    locked = BazarEvent.objects.locked(theme.event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.EDIT_SETUP)
    theme.delete()


# --- the working group --------------------------------------------------------------------


@transaction.atomic
def working_group_add(
    *,
    event: BazarEvent,
    by: User,
    user: User,
    role: PersonRole,
    education: Education | None = None,
) -> WorkingGroupMember:
    """Put `user` in the event's working group (they become an organiser of it)."""
    locked = BazarEvent.objects.locked(event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.EDIT_SETUP)
    if role not in PersonRole.values:
        raise Refused(_("Choose the person's role."))
    if locked.working_group.filter(user=user).exists():
        raise Refused(_("%(person)s is already in the working group.") % {"person": user})
    return WorkingGroupMember.objects.create(
        event=locked, user=user, role=role, education=education
    )


@transaction.atomic
def working_group_update(
    *,
    member: WorkingGroupMember,
    by: User,
    role: PersonRole | None = None,
    education: Education | None = None,
) -> list[str]:
    locked = BazarEvent.objects.locked(member.event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.EDIT_SETUP)
    data = {}
    if role is not None:
        if role not in PersonRole.values:
            raise Refused(_("Choose the person's role."))
        data["role"] = role
    if education is not None:
        data["education"] = education
    return model_update(member, data)


@transaction.atomic
def working_group_remove(*, member: WorkingGroupMember, by: User) -> None:
    """Take a person out of the working group (administrators still organise)."""
    locked = BazarEvent.objects.locked(member.event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.EDIT_SETUP)
    member.delete()

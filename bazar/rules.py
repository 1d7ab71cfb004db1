"""Who may do what at a bazar event: predicates composed with django-rules.

Organisers of an event are the administrators and the event's working-group members. They
set the event up, invite, check in, move its status and read the collected cards. Anyone
with a role sees an event once it has left planning; organisers see it always. Interest
cards are written by the event's attendees (an Attendee row exists: they were invited).

Every perm takes the event as its object (for a booth, pass `booth.event`). The perms say
*who*; whether the event's status allows the action now is statuses.allows().

What the predicates read comes with the event from the selectors: `viewer_id`,
`viewer_is_member` and `viewer_is_attendee` annotated for the person the page is for, so
a page's checks cost no query. Without those annotations one query answers.
"""

import rules
from django.utils.translation import gettext as _

from labportal.accounts.rules import has_any_role, is_administrator

from .enums import EventStatus
from .exceptions import NotAllowed


def _signed_in(user) -> bool:
    return getattr(user, "is_authenticated", False)


def _flag(user, event, name: str):
    """The annotated answer for `user`, or None when the event was fetched for someone
    else or without annotations."""
    if getattr(event, "viewer_id", None) != user.pk:
        return None
    return getattr(event, name, None)


@rules.predicate
def is_working_group_member(user, event) -> bool:
    if event is None or not _signed_in(user):
        return False
    flag = _flag(user, event, "viewer_is_member")
    if flag is None:
        return event.working_group.filter(user_id=user.pk).exists()
    return flag


@rules.predicate
def is_attendee(user, event) -> bool:
    """Invited to the event (an Attendee row exists)."""
    if event is None or not _signed_in(user):
        return False
    flag = _flag(user, event, "viewer_is_attendee")
    if flag is None:
        return event.attendees.filter(user_id=user.pk).exists()
    return flag


@rules.predicate
def is_past_planning(user, event) -> bool:
    return event is not None and event.status != EventStatus.PLANNING


is_organiser = is_administrator | is_working_group_member

can_create_event = is_administrator
can_view_event = is_organiser | (has_any_role & is_past_planning)
can_manage_event = is_organiser
can_check_in = is_organiser
can_write_card = is_attendee
can_view_collection = is_organiser

rules.add_perm("bazar.create_event", can_create_event)
rules.add_perm("bazar.view_event", can_view_event)
rules.add_perm("bazar.manage_event", can_manage_event)
rules.add_perm("bazar.check_in", can_check_in)
rules.add_perm("bazar.write_card", can_write_card)
rules.add_perm("bazar.view_collection", can_view_collection)


def require_organiser(user, event) -> None:
    """Raise NotAllowed unless `user` organises `event` (services call this first)."""
    if not can_manage_event(user, event):
        raise NotAllowed(
            _("Only administrators and the event's working group can change the event.")
        )


from . import rules_followup  # noqa: E402, F401  (the follow-up groups' perms)

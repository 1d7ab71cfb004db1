"""Invitations, check-in at the door and pre-registration (re-exported by services.py).

Invitations: `attendee_invite` records the person (who may then pre-register and write
cards); the e-mail invitation is a later job that, once it has sent the mail, calls
`attendee_invitation_sent` (the hook: it sets `invited_at`).
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from labportal.accounts.models import User
from labportal.core.updating import model_update
from labportal.organisation.models import Education

from . import rules, statuses
from .enums import Action, PersonRole
from .exceptions import NotAllowed, Refused
from .models import Attendee, BazarEvent, Booth, PreRegistration


def _check_education(event: BazarEvent, education: Education) -> None:
    if not event.institutions.filter(pk=education.institution_id).exists():
        raise Refused(
            _("%(education)s is not part of an institution taking part in the event.")
            % {"education": education.name}
        )


@transaction.atomic
def attendee_invite(
    *, event: BazarEvent, by: User, user: User, education: Education, role: PersonRole
) -> Attendee:
    """Invite `user` to come for `education` in `role` (leader, teacher, other staff).
    Inviting someone again changes their education and role; the invitation e-mail is not
    sent here (see `attendee_invitation_sent`)."""
    locked = BazarEvent.objects.locked(event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.INVITE)
    if role not in PersonRole.values:
        raise Refused(_("Choose the person's role."))
    _check_education(locked, education)
    attendee, created = Attendee.objects.get_or_create(
        event=locked, user=user, defaults={"education": education, "role": role}
    )
    if not created:
        model_update(attendee, {"education": education, "role": role})
    return attendee


@transaction.atomic
def attendee_invitation_sent(*, attendee: Attendee, at: datetime.datetime | None = None) -> bool:
    """Record that the invitation e-mail went out (the invitation job's hook). Return False
    when it was already recorded: a job run twice records the first sending."""
    at = at or timezone.now()
    return bool(
        Attendee.objects.filter(pk=attendee.pk, invited_at__isnull=True).update(invited_at=at)
    )


@transaction.atomic
def attendee_remove(*, event: BazarEvent, by: User, attendee: Attendee) -> None:
    """Withdraw an invitation (with the person's pre-registrations), while invitations may
    still be changed."""
    locked = BazarEvent.objects.locked(event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.INVITE)
    if attendee.event_id != locked.pk:
        raise Refused(_("That person is not invited to this event."))
    attendee.delete()


@transaction.atomic
def attendee_check_in(
    *, event: BazarEvent, by: User, attendee: Attendee, present: bool
) -> Attendee:
    """Mark an attendee present (now, by `by`) or not present. Marking a present person
    present again keeps the first time."""
    if not rules.can_check_in(by, event):
        raise NotAllowed(_("Only administrators and the event's working group check people in."))
    locked = BazarEvent.objects.locked(event)
    statuses.require(locked, Action.CHECK_IN)
    attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
    if attendee.event_id != locked.pk:
        raise Refused(_("That person is not invited to this event."))
    if present and attendee.checked_in_at is None:
        attendee.checked_in_at, attendee.checked_in_by = timezone.now(), by
    elif not present and attendee.checked_in_at is not None:
        attendee.checked_in_at, attendee.checked_in_by = None, None
    else:
        return attendee
    attendee.save(update_fields=["checked_in_at", "checked_in_by"])
    return attendee


@transaction.atomic
def pre_register(*, event: BazarEvent, user: User, booth: Booth, wanted: bool) -> bool:
    """Announce (`wanted`) or withdraw interest in a booth before the event; return whether
    `user` is now pre-registered for it. Only invited people, only while the event is open."""
    if booth.event_id != event.pk:
        raise Refused(_("That booth belongs to another event."))
    event = BazarEvent.objects.get(pk=event.pk)
    statuses.require(event, Action.PRE_REGISTER)
    attendee = Attendee.objects.filter(event=event, user=user).first()
    if attendee is None:
        raise Refused(_("Only people invited to the event can pre-register."))
    if not wanted:
        PreRegistration.objects.filter(attendee=attendee, booth=booth).delete()
        return False
    try:
        with transaction.atomic():
            PreRegistration.objects.get_or_create(attendee=attendee, booth=booth)
    except IntegrityError:  # the same click twice at once: the other one saved it
        pass
    return True

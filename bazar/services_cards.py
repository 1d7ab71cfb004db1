"""Interest cards (balkort): written and changed by the event's attendees while it runs
(re-exported by services.py)."""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Exists, Q
from django.utils.translation import gettext as _

from labportal.accounts.models import User
from labportal.core.updating import model_update

from . import statuses
from .enums import Action, Commitment
from .exceptions import Refused
from .models import Attendee, BazarEvent, Booth, InterestCard
from .models_people import TAKE_HOME_MAX_LENGTH


def _checked(event, booth, visitor, commitment, take_home) -> dict:
    if booth.event_id != event.pk:
        raise Refused(_("That booth belongs to another event."))
    # The status as it is now (not as the page read it) and the invitation, in one query.
    invited = Attendee.objects.filter(event_id=event.pk, user_id=visitor.pk)
    now = (
        BazarEvent.objects.filter(pk=event.pk)
        .annotate(is_invited=Exists(invited))
        .only("status")
        .get()
    )
    statuses.require(now, Action.WRITE_CARD)
    if not now.is_invited:
        raise Refused(_("Only people invited to the event can write interest cards."))
    if commitment not in Commitment.values:
        raise Refused(_("Choose what you want to do with the practice."))
    take_home = (take_home or "").strip()
    if len(take_home) > TAKE_HOME_MAX_LENGTH:
        raise Refused(
            _(
                "What you take home can be at most %(max)d characters; you wrote %(length)d. "
                "Nothing was saved."
            )
            % {"max": TAKE_HOME_MAX_LENGTH, "length": len(take_home)}
        )
    return {"commitment": commitment, "take_home": take_home}


def _write(booth, visitor, data: dict, submission) -> tuple[InterestCard, bool]:
    # The card this form made (its token) and the visitor's card for the booth, in one query.
    mine = Q(booth=booth, visitor=visitor)
    found = list(
        InterestCard.objects.select_for_update().filter(
            mine | Q(submission=submission) if submission is not None else mine
        )
    )
    made = next((c for c in found if submission and c.submission == submission), None)
    if made is not None:
        if made.visitor_id != visitor.pk or made.booth_id != booth.pk:
            raise Refused(_("This form was already used for another card. Open it again to write."))
        return made, False  # the same form sent again: the card it made
    card = next((c for c in found if c.booth_id == booth.pk and c.visitor_id == visitor.pk), None)
    if card is not None:
        model_update(card, data)
        return card, False
    card = InterestCard.objects.create(booth=booth, visitor=visitor, submission=submission, **data)
    return card, True


@transaction.atomic
def card_submit(
    *,
    event: BazarEvent,
    booth: Booth,
    visitor: User,
    commitment: Commitment,
    take_home: str,
    visited: bool = True,
    submission: uuid.UUID | None = None,
) -> tuple[InterestCard, bool]:
    """Write `visitor`'s card for `booth`; return the card and whether it was created.

    `event` is the event of the page (URL); the booth must belong to it. One card per
    visitor and booth: a second card for the same booth changes the first. `submission` is
    the form's create-once token (a new uuid each time a card form is shown): the same
    token sent again (a double click, a resent request) returns the card it made and
    changes nothing, also when both arrive at once.

    Refused (400) when the booth is of another event, the visitor is not invited, the
    commitment is unknown or the text is over 2000 characters; WrongStatus (409) when the
    event is not running. Nothing is written then.
    """
    data = _checked(event, booth, visitor, commitment, take_home)
    data["visited"] = bool(visited)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return _write(booth, visitor, data, submission)
        except IntegrityError:  # the same card saved at this moment by another request
            continue
    raise Refused(_("The card could not be saved; please try again."))

"""Receipts for interest cards: when an event closes, every visitor who wrote cards gets an
inbox notification and an e-mail listing them (booth, commitment, what they take home), in
their own language, once.

`receipts_record(event=)` is called by `services.event_move` inside its transaction when the
event moves to closed: one job per visitor (key "bazar-receipt:<event id>:<user id>", so a
second close records nothing). `receipt_deliver(event_id=, user_id=)` is the job's body
(tasks.py): it creates the notification with `notifications_create`, whose own job sends
the e-mail once (a notification records when it was e-mailed). The receipt's notification
links to the person's cards at the event (`bazar:my_cards`); finding that notification for
the person means the receipt was delivered, so a job that runs twice delivers once.
"""

import logging

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from labportal import jobs
from labportal.accounts.models import User
from labportal.notifications.models import Notification
from labportal.notifications.services import notifications_create

from .enums import Commitment
from .models import BazarEvent, InterestCard

logger = logging.getLogger(__name__)

SEND_RECEIPT = "bazar.send_receipt"


def receipt_key(event_id: int, user_id: int) -> str:
    return f"bazar-receipt:{event_id}:{user_id}"


def receipt_url(event: BazarEvent) -> str:
    return reverse("bazar:my_cards", kwargs={"event": event.slug})


def receipts_record(*, event: BazarEvent) -> int:
    """One receipt job per visitor with cards at `event`, in the caller's transaction;
    return the number of visitors."""
    visitors = sorted(
        set(InterestCard.objects.filter(booth__event=event).values_list("visitor_id", flat=True))
    )
    for user_id in visitors:
        jobs.record(
            SEND_RECEIPT, key=receipt_key(event.pk, user_id), event_id=event.pk, user_id=user_id
        )
    return len(visitors)


def _render(event: BazarEvent, cards: list[InterestCard]) -> tuple[str, str]:
    subject = _("Your interest cards from %(title)s") % {"title": event.title}
    rows = [
        {
            "booth": card.booth.title,
            "commitment": Commitment(card.commitment).label,
            "take_home": card.take_home,
        }
        for card in cards
    ]
    body = render_to_string("bazar/emails/receipt.txt", {"event": event, "cards": rows})
    return subject[:200], body


@transaction.atomic
def receipt_deliver(*, event_id: int, user_id: int) -> bool:
    """The receipt of one visitor; False when there is nothing (more) to send."""
    event = BazarEvent.objects.filter(pk=event_id).first()
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if event is None or user is None:
        logger.info("Receipt %s/%s: the event or the person is gone.", event_id, user_id)
        return False
    url = receipt_url(event)
    if Notification.objects.filter(recipient=user, url=url).exists():
        return False
    cards = list(
        InterestCard.objects.filter(booth__event=event, visitor=user)
        .select_related("booth")
        .order_by("booth__order", "booth__title")
    )
    if not cards:
        return False
    notifications_create(recipients=[user], render=lambda: _render(event, cards), url=url)
    return True

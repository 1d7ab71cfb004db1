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

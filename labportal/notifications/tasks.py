import logging

from celery import shared_task

from labportal.celery import RETRYING_SHORT_TASK

from .emails import notification_send_email
from .models import Notification

logger = logging.getLogger(__name__)


@shared_task(**RETRYING_SHORT_TASK)
def send_notification_emails(*, notification_ids: list[int]) -> int:
    """Send the e-mails for these notifications; safe to run twice."""
    sent = 0
    notifications = Notification.objects.filter(pk__in=notification_ids).select_related("recipient")
    for notification in notifications:
        sent += notification_send_email(notification=notification)
    if len(notifications) < len(notification_ids):
        logger.info("Some notifications were gone before their e-mail was sent.")
    return sent

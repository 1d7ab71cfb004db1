import logging

from celery import shared_task

from .models import Notification
from .services import notification_send_email

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def send_notification_emails(*, notification_ids: list[int]) -> int:
    """Send the e-mails for these notifications; safe to run twice."""
    sent = 0
    notifications = Notification.objects.filter(pk__in=notification_ids).select_related("recipient")
    for notification in notifications:
        sent += notification_send_email(notification=notification)
    if len(notifications) < len(notification_ids):
        logger.info("Some notifications were gone before their e-mail was sent.")
    return sent

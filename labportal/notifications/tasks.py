import logging

from django.utils.translation import gettext_lazy as _

from labportal.jobs.running import job_task

from .emails import notification_send_email
from .models import Notification

logger = logging.getLogger(__name__)


@job_task(name="notifications.send_emails", label=_("E-mail notifications"), time_limit=90)
def send_notification_emails(*, notification_ids: list[int]) -> int:
    """Send the e-mails of these notifications that have not gone out yet (a notification
    records when its e-mail went, so running this twice sends each once)."""
    sent = 0
    notifications = Notification.objects.filter(pk__in=notification_ids).select_related("recipient")
    for notification in notifications:
        sent += notification_send_email(notification=notification)
    if len(notifications) < len(notification_ids):
        logger.info("Some notifications were gone before their e-mail was sent.")
    return sent

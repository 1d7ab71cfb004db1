"""E-mailing a notification; the task calls this, the services only enqueue the task."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .models import Notification


def notification_send_email(*, notification: Notification) -> bool:
    """E-mail one notification once; returns False when already sent or no address."""
    if notification.emailed_at or not notification.recipient.email:
        return False
    body = notification.body
    if notification.url:
        body = f"{body}\n\n{settings.PORTAL_BASE_URL.rstrip('/')}{notification.url}"
    send_mail(
        subject=notification.subject,
        message=body,
        from_email=None,
        recipient_list=[notification.recipient.email],
    )
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
    return True

"""Creating, sending and reading notifications."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from labportal.accounts.models import User

from .models import Notification
from .selectors import forget_unread_count


def notifications_create(
    *, recipients: Iterable[User], render: Callable[[], tuple[str, str]], url: str = ""
) -> list[Notification]:
    """Create one notification per recipient, rendered in the recipient's language.

    `render` returns (subject, body) and is called inside each recipient's language.
    E-mails go out through a task once the transaction has committed.
    """
    created = []
    for user in {u.pk: u for u in recipients}.values():
        with translation.override(user.language):
            subject, body = render()
        created.append(
            Notification.objects.create(recipient=user, subject=subject, body=body, url=url)
        )
    ids = [n.pk for n in created]
    if ids:
        from .tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.delay(notification_ids=ids))
    return created


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


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    marked = unread.update(read_at=timezone.now())  # no signals: forget the count here
    forget_unread_count(user.pk)
    return marked

"""Creating, sending and reading notifications."""

from collections.abc import Callable, Iterable

from django.utils import timezone, translation

from labportal import jobs
from labportal.accounts.models import User

from .models import Notification
from .selectors import forget_unread_count

SEND_EMAILS = "notifications.send_emails"


def notifications_create(
    *, recipients: Iterable[User], render: Callable[[], tuple[str, str]], url: str = ""
) -> list[Notification]:
    """Create one notification per recipient, rendered in the recipient's language, and the
    job that e-mails them, in the caller's transaction (so a change and the news of it are
    stored together, whatever the broker does).

    `render` returns (subject, body) and is called inside each recipient's language.
    """
    rows = []
    for user in {u.pk: u for u in recipients}.values():
        with translation.override(user.language):
            subject, body = render()
        rows.append(Notification(recipient=user, subject=subject, body=body, url=url))
    created = Notification.objects.bulk_create(rows)
    for notification in created:
        forget_unread_count(notification.recipient_id)
    if any(n.recipient.email for n in created):
        jobs.record(SEND_EMAILS, notification_ids=[n.pk for n in created])
    return created


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    marked = unread.update(read_at=timezone.now())  # no signals: forget the count here
    forget_unread_count(user.pk)
    return marked


def notification_for_sent_email(*, recipient: User, subject: str, body: str, url: str = ""):
    """The inbox entry of an e-mail its caller has just sent itself (one with an attachment
    or a personal link): marked e-mailed, so the notifications job never sends it again."""
    notification = Notification.objects.create(
        recipient=recipient,
        subject=subject,
        body=body,
        url=url,
        emailed_at=timezone.now() if recipient.email else None,
    )
    forget_unread_count(recipient.pk)
    return notification

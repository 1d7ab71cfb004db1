"""Creating, sending and reading notifications."""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone, translation

from labportal.accounts.models import User

from .models import Notification
from .selectors import forget_unread_count
from .tasks import send_notification_emails


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
        transaction.on_commit(lambda: send_notification_emails.delay(notification_ids=ids))
    return created


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    marked = unread.update(read_at=timezone.now())  # no signals: forget the count here
    forget_unread_count(user.pk)
    return marked

from django.core.cache import cache

from labportal.accounts.models import User
from labportal.core import fragments

from .models import Notification

UNREAD_TIMEOUT = 5 * 60


def notifications_for_user(user: User):
    return Notification.objects.filter(recipient=user)


def _unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(user: User) -> int:
    """The badge in every page's header. With a shared cache it is kept there until one of
    the person's notifications is created, read or deleted (`forget_unread_count`)."""
    if not fragments.enabled():
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_TIMEOUT)
    return count


def forget_unread_count(user_id: int) -> None:
    """Now, and again at commit (a count taken meanwhile may have read the old rows)."""
    if fragments.enabled():
        key = _unread_key(user_id)
        fragments.now_and_at_commit(lambda: cache.delete(key))

from labportal.accounts.models import User

from .models import Notification


def notifications_for_user(user: User):
    return Notification.objects.filter(recipient=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

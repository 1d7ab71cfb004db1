from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "labportal.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Notification
        from .selectors import forget_unread_count

        def forget(sender, instance, **kwargs):
            forget_unread_count(instance.recipient_id)

        post_save.connect(forget, sender=Notification, weak=False, dispatch_uid="unread:save")
        post_delete.connect(forget, sender=Notification, weak=False, dispatch_uid="unread:delete")

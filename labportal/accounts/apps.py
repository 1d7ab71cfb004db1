from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "labportal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        def end_sessions(sender, request, user, **kwargs):
            if user is not None:
                user.sessions_end()

        user_logged_out.connect(end_sessions, weak=False, dispatch_uid="accounts:end-sessions")

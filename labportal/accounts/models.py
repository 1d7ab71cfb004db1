"""People. Roles are groups (see enums.Role); per-object roles live with their objects."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, _user_has_perm
from django.db import models
from django.db.models import F
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from rules.permissions import perm_exists


class User(AbstractUser):
    """A person who signs in. `language` decides the language of their e-mails."""

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    title = models.CharField(_("job title"), max_length=120, blank=True)
    # Moved on at every sign-out: every session signed in before it stops being valid, also
    # one that a cache kept after the sign-out could not reach it (a Redis that was away).
    sign_out_count = models.PositiveIntegerField(_("sign-outs"), default=0, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_perm(self, perm: str, obj=None) -> bool:
        """The portal's rules decide their own perms for everyone, superusers included: they
        depend on state (an experiment's phase, a concept's status), which Django's blanket
        yes for superusers would skip, showing them actions that cannot be taken. Every other
        perm (the Django admin's) works as Django's."""
        if self.is_active and self.is_superuser and not perm_exists(perm):
            return True
        return _user_has_perm(self, perm, obj)

    def get_session_auth_hash(self) -> str:
        """What a session must match to stay signed in (Django checks it on every request,
        with the user it loads anyway): the password, as Django's, and the sign-outs."""
        return self._auth_hash(settings.SECRET_KEY)

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._auth_hash(secret)

    def _auth_hash(self, secret: str) -> str:
        return salted_hmac(
            "labportal.accounts.User.get_session_auth_hash",
            f"{self.password}|{self.sign_out_count}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def sessions_end(self) -> None:
        """End every session of this person (a sign-out ends them all, on every device)."""
        User.objects.filter(pk=self.pk).update(sign_out_count=F("sign_out_count") + 1)

"""People in the document are usernames (or e-mail addresses); users are never exported.

On import a reference is matched first to a username, then (case-insensitively) to an
e-mail address. A person who does not exist yet is created as an INACTIVE user with an
unusable password and no roles, under that username (and that e-mail address when the
reference is one): the history and teams stay complete, nobody can sign in as them, and an
administrator can activate them later (set a password, add roles) in the admin.
"""

from collections.abc import Iterable

from django.contrib.auth.hashers import make_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from labportal.accounts.models import User

from . import PortabilityError

USERNAME_MAX = 150


class People:
    def __init__(self):
        self.ids: dict[str, int] = {}
        self.created: list[str] = []

    def resolve(self, refs: Iterable[str | None]) -> None:
        """Look up (in one or two queries) or create every reference not seen yet."""
        missing = {ref for ref in refs if ref and ref not in self.ids}
        if not missing:
            return
        for user_id, username in User.objects.filter(username__in=missing).values_list(
            "id", "username"
        ):
            self.ids[username] = user_id
            missing.discard(username)
        emails = {ref.lower(): ref for ref in missing if "@" in ref}
        if emails:
            found = (
                User.objects.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=emails)
                .order_by("pk")
                .values_list("id", "email_lower")
            )
            for user_id, email in found:
                ref = emails.pop(email, None)
                if ref is not None:
                    self.ids[ref] = user_id
                    missing.discard(ref)
        if missing:
            self._create(sorted(missing))

    def _create(self, refs: list[str]) -> None:
        validator = UnicodeUsernameValidator()
        users = []
        for ref in refs:
            try:
                if len(ref) > USERNAME_MAX:
                    raise ValidationError("too long")
                validator(ref)
            except ValidationError as exc:
                raise PortabilityError(
                    _("The person %(ref)r is neither a known user nor a valid username.")
                    % {"ref": ref}
                ) from exc
            users.append(
                User(
                    username=ref,
                    email=ref if "@" in ref else "",
                    is_active=False,
                    password=make_password(None),
                )
            )
        for user in User.objects.bulk_create(users):
            self.ids[user.username] = user.pk
        self.created.extend(refs)

    def id(self, ref: str | None) -> int | None:
        return self.ids[ref] if ref else None

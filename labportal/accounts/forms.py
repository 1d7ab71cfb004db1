from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User

USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length


class LoginForm(AuthenticationForm):
    """The same message for an unknown user and a wrong password."""

    error_messages = {
        "invalid_login": _(
            "The username or password is not correct. Note that both are case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }

    # AuthenticationForm sets max_length after the field's validators were made, so it was
    # never checked: any length reached authenticate() and django-axes, whose record of the
    # failure (a 255-character column) then failed with a database error.
    username = forms.CharField(
        label=_("Username"),
        max_length=USERNAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

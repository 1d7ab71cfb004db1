from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """The same message for an unknown user and a wrong password."""

    error_messages = {
        "invalid_login": _(
            "The username or password is not correct. Note that both are case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }

    username = forms.CharField(
        label=_("Username"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

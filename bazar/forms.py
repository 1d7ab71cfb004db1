"""The visitors' input on the bazar: the interest card (balkort) and the pre-registration
toggle. services.py checks every rule again; these forms only turn the POST into values
(and say in Danish what is wrong with it)."""

import uuid

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import Commitment
from .models_people import TAKE_HOME_MAX_LENGTH

CHOOSE_COMMITMENT = gettext_lazy("Choose what you want to do with the practice.")
FORM_BROKEN = gettext_lazy(
    "The form was incomplete or too old, so nothing was saved. Check the fields and save again."
)
COMMITMENT_HINTS = {
    Commitment.INSPIRATION: gettext_lazy("Good to know about; no plans yet."),
    Commitment.TRY: gettext_lazy("I want to try it out in my own practice."),
    Commitment.IMPLEMENT: gettext_lazy("I want to bring it home and make it part of our practice."),
}


class CommitmentTiles(forms.RadioSelect):
    """Big radio tiles, each with its short explanation."""

    template_name = "bazar/includes/commitment_tiles.html"
    option_template_name = "bazar/includes/commitment_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = COMMITMENT_HINTS.get(value, "")
        return option


class CardForm(forms.Form):
    """One interest card. `submission` is the create-once token of this rendering of the form
    (a new one each time the form is shown empty or for editing)."""

    visited = forms.BooleanField(label=gettext_lazy("I have visited the booth"), required=False)
    take_home = forms.CharField(
        label=gettext_lazy("What I take home into my own practice"),
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 6,
                "maxlength": TAKE_HOME_MAX_LENGTH,
                "aria-describedby": "id_take_home_helptext take-home-count",
            }
        ),
    )
    commitment = forms.ChoiceField(
        label=gettext_lazy("How committed are you?"),
        choices=Commitment.choices,
        widget=CommitmentTiles,
        error_messages={"required": CHOOSE_COMMITMENT, "invalid_choice": CHOOSE_COMMITMENT},
    )
    submission = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={"required": FORM_BROKEN, "invalid": FORM_BROKEN},
    )

    def __init__(self, *args, card=None, **kwargs):
        if not args or args[0] is None:
            initial = {"visited": True, "submission": uuid.uuid4()}
            if card is not None:
                initial |= {
                    "visited": card.visited,
                    "take_home": card.take_home,
                    "commitment": card.commitment,
                }
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def clean_take_home(self) -> str:
        # Browsers send line breaks as CRLF but count them as one character (maxlength).
        text = (self.cleaned_data.get("take_home") or "").replace("\r\n", "\n").strip()
        if len(text) > TAKE_HOME_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "What you take home can be at most %(max)d characters; you wrote "
                    "%(length)d. Nothing was saved."
                )
                % {"max": TAKE_HOME_MAX_LENGTH, "length": len(text)},
                code="max_length",
            )
        return text

    def text_left(self) -> int:
        """Characters left for `take_home`, from what the form shows now (no JS needed)."""
        value = str(self["take_home"].value() or "").replace("\r\n", "\n")
        return max(TAKE_HOME_MAX_LENGTH - len(value), 0)

    def errors_as_messages(self) -> list[str]:
        """Every error once, for the summary above the form."""
        seen = []
        for errors in self.errors.values():
            for error in errors:
                if error not in seen:
                    seen.append(error)
        return seen


class PreRegisterForm(forms.Form):
    """Interest in a booth announced before the event ("1") or withdrawn ("0")."""

    wanted = forms.TypedChoiceField(
        choices=(("1", "1"), ("0", "0")),
        coerce=lambda value: value == "1",
        error_messages={"required": FORM_BROKEN, "invalid_choice": FORM_BROKEN},
    )

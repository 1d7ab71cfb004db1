"""All user input on change theories goes through these forms; services do the writing (and
check the same limits again).

Every editing form carries the theory's `version` as the person saw it: the services refuse
a change made over a newer version (StaleTheory). Django's CharField refuses NUL characters.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from experiments.models import LIST_ITEM_MAX_LENGTH, SECTION_MAX_LENGTH

from .models import LIST_FIELDS

SEARCH_MAX_LENGTH = 200
STALE_FORM = _("The form was out of date; reload the page and try again.")


def _text(label, *, rows: int = 4, required: bool = False, limit: int = SECTION_MAX_LENGTH, **kw):
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


class VersionedForm(forms.Form):
    """The version of the theory the person saw (rendered by the template, not the form, so a
    re-rendered form can carry the current one)."""

    version = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), STALE_FORM),
    )


class PracticeForm(VersionedForm):
    """Step 1: where the theory starts from."""

    desired_practice = _text(
        _("Desired practice"),
        rows=5,
        help_text=_("The better practice the program or track wants to see. Markdown works."),
    )
    ambition = _text(_("Ambition"), help_text=_("What the program or track sets out to do."))
    challenge = _text(_("Challenge"), help_text=_("The problem the change starts from."))

    FIELDS = ("desired_practice", "ambition", "challenge")


class HypothesisForm(VersionedForm):
    """Step 4: the transformative hypothesis."""

    hypothesis = _text(
        _("Transformative hypothesis"),
        rows=4,
        help_text=_("If we do this, then that will change, because …"),
    )

    FIELDS = ("hypothesis",)


class SignTextForm(VersionedForm):
    """Step 2: a new sign, or new wording for one."""

    text = forms.CharField(
        label=_("Sign of improved practice"),
        max_length=LIST_ITEM_MAX_LENGTH,
        error_messages={"required": _("Write the sign: it cannot be empty.")},
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the sign: it cannot be empty."), code="required")
        return text


class SignForm(VersionedForm):
    """A sign to delete."""

    sign = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class SignUpdateForm(SignTextForm):
    """New wording for a sign."""

    sign = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class SignMoveForm(SignForm):
    """Move a sign one place up or down in the order the person saw (`order`: the signs' ids
    as shown); the service refuses the order when the signs changed meanwhile."""

    direction = forms.ChoiceField(choices=[("up", _("Move up")), ("down", _("Move down"))])
    order = forms.CharField(max_length=2_000, widget=forms.HiddenInput)

    def clean_order(self) -> list[int]:
        try:
            ids = [int(part) for part in self.cleaned_data["order"].split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(STALE_FORM, code="invalid") from None
        if len(ids) != len(set(ids)):
            raise forms.ValidationError(STALE_FORM, code="invalid")
        return ids

    def clean(self):
        data = super().clean()
        if "order" in data and "sign" in data and data["sign"] not in data["order"]:
            raise forms.ValidationError(STALE_FORM, code="invalid")
        return data

    def new_order(self) -> list[int]:
        order = list(self.cleaned_data["order"])
        at = order.index(self.cleaned_data["sign"])
        to = at - 1 if self.cleaned_data["direction"] == "up" else at + 1
        if 0 <= to < len(order):
            order[at], order[to] = order[to], order[at]
        return order


class LinkForm(VersionedForm):
    """Step 3: an experiment that serves (or no longer serves) a sign."""

    sign = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    experiment = forms.IntegerField(
        min_value=1, error_messages={"required": _("Choose an experiment.")}
    )


class ChoicesForm(forms.Form):
    """The experiment picker's search."""

    sign = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)
    q = forms.CharField(
        label=_("Find an experiment of the program"), required=False, max_length=SEARCH_MAX_LENGTH
    )


class ListItemForm(VersionedForm):
    """Steps 4 and 5: add an item to an ordered list (actions, effects), or remove or move
    the item at `index`. `item` is the text the person saw there: when it is no longer there,
    the list changed meanwhile and nothing is done."""

    OPS = ("add", "remove", "up", "down")

    field = forms.ChoiceField(choices=[(name, name) for name in LIST_FIELDS])
    op = forms.ChoiceField(choices=[(op, op) for op in OPS])
    index = forms.IntegerField(min_value=0, required=False)
    item = forms.CharField(max_length=LIST_ITEM_MAX_LENGTH, required=False, strip=False)
    text = forms.CharField(
        label=_("New item"), max_length=LIST_ITEM_MAX_LENGTH, required=False, strip=True
    )

    def clean(self):
        data = super().clean()
        if data.get("op") == "add" and not data.get("text"):
            self.add_error("text", _("Write the item: it cannot be empty."))
        elif data.get("op") in ("remove", "up", "down") and data.get("index") is None:
            raise forms.ValidationError(STALE_FORM, code="invalid")
        return data

    def new_list(self, current: list[str]) -> list[str] | None:
        """The list after this change, or None when the item is no longer where the person
        saw it (someone changed the list)."""
        data, items = self.cleaned_data, list(current)
        if data["op"] == "add":
            return [*items, data["text"]]
        at, seen = data["index"], data["item"].replace("\r\n", "\n")
        if at >= len(items) or items[at].replace("\r\n", "\n") != seen:
            return None
        if data["op"] == "remove":
            del items[at]
        else:
            to = at - 1 if data["op"] == "up" else at + 1
            if 0 <= to < len(items):
                items[at], items[to] = items[to], items[at]
        return items


class TheoryCreateForm(forms.Form):
    """The program or the track (by slug) whose empty theory to make."""

    program = forms.SlugField(required=False, max_length=120)
    track = forms.SlugField(required=False, max_length=120)

    def clean(self):
        data = super().clean()
        if bool(data.get("program")) == bool(data.get("track")):
            raise forms.ValidationError(
                _("Choose either a program or a trial track."), code="invalid"
            )
        return data

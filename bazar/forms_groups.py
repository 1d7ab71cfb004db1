"""The forms of the follow-up groups and their workshops. They parse; services_groups.py and
services_workshops.py check every rule again."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calendar import ZONE
from .enums import GroupBasis
from .grouping import BASES
from .workshops import Field


class BasisForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("Suggest groups"),
        choices=[(b.value, b.label) for b in BASES],
        required=False,
    )

    def chosen(self) -> str:
        if self.is_valid() and self.cleaned_data["basis"]:
            return self.cleaned_data["basis"]
        return GroupBasis.EDUCATION


class AcceptForm(forms.Form):
    basis = forms.ChoiceField(choices=[(b.value, b.label) for b in BASES])
    key = forms.CharField(max_length=100)


class RenameForm(forms.Form):
    title = forms.CharField(label=_("Name"), max_length=200)


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Merge into"), min_value=1)


class MoveForm(forms.Form):
    card = forms.IntegerField(min_value=1)
    to = forms.IntegerField(label=_("Move to"), min_value=0, required=False)


class SplitForm(forms.Form):
    cards = forms.TypedMultipleChoiceField(label=_("Cards"), coerce=int, choices=())
    title = forms.CharField(label=_("Name of the new group"), max_length=200, required=False)

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        members = group.members.all() if group is not None else []
        self.fields["cards"].choices = [(m.card_id, str(m.card.visitor)) for m in members]


class ScheduleForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    @classmethod
    def for_workshop(cls, workshop, prefix: str):
        initial = {"place": workshop.place}
        if workshop.starts_at:
            starts = timezone.localtime(workshop.starts_at, ZONE)
            initial |= {"date": starts.date(), "starts": starts.time().replace(second=0)}
        if workshop.ends_at:
            initial["ends"] = timezone.localtime(workshop.ends_at, ZONE).time().replace(second=0)
        return cls(initial=initial, prefix=prefix)

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        starts = dt.datetime.combine(data["date"], data["starts"], tzinfo=ZONE)
        return starts, dt.datetime.combine(data["date"], data["ends"], tzinfo=ZONE)


def field_value(field: Field, data) -> object:
    """A workshop field's value from a POST: a text; a list of texts (`<name>`, repeated);
    or rows (`<name>-<column>`, repeated, one per row, in order)."""
    if field.kind == "list":
        return data.getlist(field.name)
    if field.kind == "rows":
        columns = {c.name: data.getlist(f"{field.name}-{c.name}") for c in field.columns}
        length = max((len(v) for v in columns.values()), default=0)
        return [
            {name: values[i] if i < len(values) else "" for name, values in columns.items()}
            for i in range(length)
        ]
    return data.get(field.name, "")

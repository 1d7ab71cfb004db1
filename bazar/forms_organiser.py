"""Every input on the organisers' pages goes through these forms; services.py writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from labportal.organisation.models import Institution

from . import selectors_organiser as choices
from .enums import EventStatus, PersonRole, RoundKind
from .models import BazarEvent

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class EducationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.institution.name})"


class ExperimentField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.get_phase_display()})"


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME)
    end_time = forms.TimeField(label=_("Ends at"), widget=TIME)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    institutions = forms.ModelMultipleChoiceField(
        label=_("Participating institutions"),
        queryset=Institution.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    survey_after_days = forms.IntegerField(
        label=_("Days until the effect survey"), min_value=1, max_value=730, initial=90
    )

    def __init__(self, *args, event: BazarEvent | None = None, **kwargs):
        if event is not None:
            initial = {name: getattr(event, name) for name in self.declared_fields}
            initial["institutions"] = list(event.institutions.all())
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The event must end after it starts."))
        return data


class MoveForm(forms.Form):
    """A status move; `from_status` is the status the page showed (a stale page → 409)."""

    to_status = forms.ChoiceField(choices=EventStatus.choices)
    from_status = forms.ChoiceField(choices=EventStatus.choices)


class WorkingGroupForm(forms.Form):
    user = PersonField(label=_("Person"), queryset=choices.active_people())
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.choices)
    education = EducationField(label=_("Education"), queryset=None, required=False)

    def __init__(self, *args, event: BazarEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["education"].queryset = choices.educations_of_event(event)


class ThemeForm(forms.Form):
    title = forms.CharField(label=_("Theme"), max_length=200)


class _EventThemeMixin:
    def _theme_field(self, event: BazarEvent) -> None:
        self.fields["theme"].queryset = event.themes.order_by("order", "title")


class BoothAddForm(_EventThemeMixin, forms.Form):
    """A booth for an experiment, or (without one) for a project with a title."""

    experiment = ExperimentField(
        label=_("Experiment"),
        queryset=choices.experiment_choices(),
        required=False,
        help_text=_("Experiments in the conceptualisation phase or later come first."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("For a project booth; an experiment's booth takes its title."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False)

    def __init__(self, *args, event: BazarEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self._theme_field(event)

    def clean(self):
        data = super().clean()
        if not data.get("experiment") and not (data.get("title") or "").strip():
            raise forms.ValidationError(_("Choose an experiment or write a title for the booth."))
        return data


class BoothEditForm(_EventThemeMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32000)
    hosts = PeopleField(
        label=_("Hosts"),
        queryset=choices.active_people(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, booth, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "title": booth.title,
                "summary": booth.summary,
                "theme": booth.theme_id,
                "order": booth.order,
                "hosts": [u.pk for u in booth.hosts.all()],
            },
        )
        super().__init__(*args, **kwargs)
        self._theme_field(booth.event)


class RoundForm(_EventThemeMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RoundKind.choices)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False)
    starts_at = forms.TimeField(label=_("Starts at"), widget=TIME)
    ends_at = forms.TimeField(label=_("Ends at"), widget=TIME)

    def __init__(self, *args, event: BazarEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self._theme_field(event)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("A round must end after it starts."))
        return data


class SlotAddForm(forms.Form):
    booth = forms.ModelChoiceField(label=_("Booth"), queryset=None)
    starts_at = forms.TimeField(label=_("Time"), required=False, widget=TIME)

    def __init__(self, *args, event: BazarEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = event.booths.order_by("order", "title")


class SlotTimeForm(forms.Form):
    starts_at = forms.TimeField(label=_("Time"), required=False, widget=TIME)


class DirectionForm(forms.Form):
    direction = forms.ChoiceField(choices=(("up", "up"), ("down", "down")))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)


class CheckInForm(forms.Form):
    attendee = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    present = forms.TypedChoiceField(
        choices=(("1", "1"), ("0", "0")), coerce=lambda value: value == "1"
    )
    q = forms.CharField(max_length=100, required=False)

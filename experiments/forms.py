"""All user input on experiments goes through these forms; services do the writing."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from labportal.accounts.enums import Role
from labportal.accounts.models import User
from labportal.core.widgets import PeoplePicker
from labportal.organisation.models import Institution, Program, Track

from . import services
from .editing import edit_version
from .enums import EXPERIMENT_SECTIONS, Decision, Phase
from .models import (
    LIST_ITEM_MAX_LENGTH,
    LIST_MAX_ITEMS,
    NOTE_MAX_LENGTH,
    SECTION_MAX_LENGTH,
    Experiment,
)

# --- moves on the wheel -------------------------------------------------------------------


class LinesField(forms.CharField):
    """A textarea with one item per line, stored as a list of strings."""

    widget = forms.Textarea(attrs={"rows": 5})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One item per line."))
        kwargs.setdefault("max_length", LIST_ITEM_MAX_LENGTH)  # per item, see run_validators
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def run_validators(self, value):
        # Each item is a text (a NUL character is refused in each, not in the list's repr).
        if len(value) > LIST_MAX_ITEMS:
            raise forms.ValidationError(
                _("At most %(count)d lines.") % {"count": LIST_MAX_ITEMS}, code="max_items"
            )
        for item in value:
            super().run_validators(item)


def _note_widget(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


NOTE_REQUIRED = _("Write a note: every move on the wheel needs one.")
REASON_REQUIRED = _("Write a reason: a step back needs one.")


class WheelForm(forms.Form):
    """A move on the wheel: the phase the person saw and a note (the service checks it too)."""

    expected_phase = forms.ChoiceField(choices=Phase.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"),
        widget=_note_widget(),
        max_length=NOTE_MAX_LENGTH,
        error_messages={"required": NOTE_REQUIRED},
    )


class LaunchForm(WheelForm):
    prefix = "launch"


class AdvanceForm(WheelForm):
    prefix = "advance"
    to_phase = forms.ChoiceField(choices=Phase.choices, widget=forms.HiddenInput, required=False)


class StepBackForm(WheelForm):
    prefix = "back"
    to_phase = forms.ChoiceField(choices=Phase.choices, widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label=_("Reason"),
        widget=_note_widget(),
        max_length=NOTE_MAX_LENGTH,
        error_messages={"required": REASON_REQUIRED},
    )


class DecisionForm(WheelForm):
    prefix = "decide"
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )


# --- create and edit ----------------------------------------------------------------------


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class UsersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


def active_users():
    return User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")


SUBMISSION_MISSING = _(
    "The form was incomplete or too old, so nothing was created. "
    "Check the fields and send it again."
)
VERSION_MISSING = _(
    "The form was incomplete or too old, so nothing was saved. Check the fields and save again."
)


def _renewed(data, name: str, value: str):
    data = data.copy()
    data[name] = value
    return data


class ExperimentCreateForm(forms.ModelForm):
    # One-time token of this form: sending it twice creates one experiment (see the service).
    submission = forms.CharField(widget=forms.HiddenInput, required=False)
    slug = forms.SlugField(
        label=_("Address (slug)"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to make it from the title."),
    )
    owner = UserChoiceField(
        label=_("Owner at strategic level"),
        queryset=active_users().filter(groups__name=Role.STRATEGIC),
        required=False,
    )
    team = UsersChoiceField(
        label=_("Team"),
        queryset=active_users(),
        required=False,
        widget=PeoplePicker,
    )

    class Meta:
        model = Experiment
        fields = [
            "title",
            "slug",
            "program",
            "track",
            "institution",
            "owner",
            "team",
            "summary",
            "challenge",
            "hypothesis",
            "start_date",
            "end_date",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "challenge": forms.Textarea(attrs={"rows": 5}),
            "hypothesis": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("submission", str(uuid.uuid4()))
        self.fields["program"].queryset = Program.objects.order_by("title")
        self.fields["track"].queryset = Track.objects.select_related("program").order_by("title")
        self.fields["institution"].queryset = Institution.objects.order_by("name")
        self.fields["program"].empty_label = _("Choose a program")
        self.fields["track"].empty_label = _("No trial track yet")
        self.fields["institution"].empty_label = _("No institution")
        self.fields["owner"].empty_label = _("No owner yet")

    def clean_submission(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(self.cleaned_data.get("submission") or "")
        except ValueError:
            self.add_error(None, SUBMISSION_MISSING)
            return None

    def renew_submission(self) -> None:
        """A form sent without a usable token gets a fresh one, so it can be sent again."""
        self.data = _renewed(self.data, "submission", str(uuid.uuid4()))

    def clean_title(self):
        return (self.cleaned_data.get("title") or "").strip()

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if slug and not services.slug_is_free(slug):
            raise forms.ValidationError(
                _("The address “%(slug)s” is already taken; choose another or leave it empty."),
                code="taken",
                params={"slug": slug},
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        program, track = cleaned.get("program"), cleaned.get("track")
        if program and track and track.program_id != program.pk:
            self.add_error("track", _("This trial track belongs to another program."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes before the start date."))
        return cleaned

    def _post_clean(self):
        # The service creates the row; no model instance validation here (slug may be empty).
        pass

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["team"] = list(data.get("team") or [])
        return data


class ExperimentEditForm(forms.Form):
    """The sections of an experiment; list sections are one item per line.

    `version` is the fingerprint of what the form was opened with (editing.edit_version): a
    save over someone else's later changes is refused, and `conflicts` lists, per field, their
    stored text next to this person's unsaved one."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    challenge = forms.CharField(
        label=_("Challenge"),
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    hypothesis = forms.CharField(
        label=_("Transformative hypothesis"),
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("If we do X, then Y."),
    )
    actions = LinesField(label=_("Actions"))
    findings = LinesField(label=_("Findings"))
    conceptualisable_elements = forms.CharField(
        label=_("Conceptualisable elements"),
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attention_points = LinesField(label=_("Attention points"))
    concept_phases = LinesField(
        label=_("The concept's phases"), help_text=_("One step per line, in order.")
    )
    start_date = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    team = UsersChoiceField(
        label=_("Team"),
        queryset=active_users(),
        required=False,
        widget=PeoplePicker,
    )

    SECTION_FIELDS = ("title", "summary", *EXPERIMENT_SECTIONS, "start_date", "end_date")

    def __init__(self, *args, experiment: Experiment, can_manage_team: bool, **kwargs):
        initial = {name: getattr(experiment, name) for name in self.SECTION_FIELDS}
        initial["team"] = [m.user_id for m in experiment.memberships.all()]
        team = initial["team"] if can_manage_team else None
        initial["version"] = edit_version(experiment, self.SECTION_FIELDS, team)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if not can_manage_team:
            del self.fields["team"]

    def clean_version(self) -> str | None:
        version = self.cleaned_data.get("version")
        if not version:
            self.add_error(None, VERSION_MISSING)
        return version or None

    def renew_version(self, version: str | None = None) -> None:
        """Carry `version` (default: the one the form was opened with), so that saving the
        form again replaces what is stored now."""
        self.data = _renewed(self.data, "version", version or self.initial["version"])

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(_("An experiment needs a title."), code="required")
        return title

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes before the start date."))
        return cleaned

    def section_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SECTION_FIELDS}

    def service_kwargs(self) -> dict:
        return {
            "data": self.section_data(),
            "team": self.cleaned_data["team"] if "team" in self.fields else None,
            "expected_version": self.cleaned_data["version"],
        }

    def conflicts(self, current: Experiment, current_team: list[User] | None) -> list[dict]:
        """Each field whose stored value differs from this person's: label, theirs, yours."""
        rows = [
            (self.fields[name].label, getattr(current, name), self.cleaned_data[name])
            for name in self.SECTION_FIELDS
            if getattr(current, name) != self.cleaned_data[name]
        ]
        if current_team is not None and "team" in self.fields:
            chosen = list(self.cleaned_data["team"])
            if {user.pk for user in current_team} != {user.pk for user in chosen}:
                rows.append((self.fields["team"].label, current_team, chosen))
        return [
            {"label": label, "theirs": _as_text(theirs), "yours": _as_text(yours)}
            for label, theirs, yours in rows
        ]


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_as_text(item) for item in value)
    if isinstance(value, User):
        return value.get_full_name() or value.username
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)

"""All user input on concepts goes through these forms; services.py does the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from experiments.forms import LinesField
from experiments.models import SECTION_MAX_LENGTH, Experiment
from labportal.organisation.models import Track

from .enums import CONCEPT_SECTIONS
from .models import Concept
from .selectors_publications import experiment_choices, program_choices
from .services import edit_version

NOTE_MAX_LENGTH = 2000
VERSION_MISSING = _(
    "The form was incomplete or too old, so nothing was saved. Check the fields and save again."
)


def _text(label, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class SourcesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.get_phase_display()})"


class ConceptForm(forms.Form):
    """A concept's text and sources. Texts are Markdown; list sections one item per line.
    `version` (when editing) is the fingerprint of what the form was opened with."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    title = forms.CharField(label=_("Title"), max_length=200)
    track = forms.ModelChoiceField(
        label=_("Trial track"), queryset=Track.objects.none(), empty_label=_("Choose a trial track")
    )
    focus = _text(_("Focus, purpose and use"))
    audience = _text(_("Audience"), rows=3)
    description = _text(
        _("Description"), rows=8, help_text=_("Markdown; describe the phases or rooms here.")
    )
    phases = LinesField(label=_("Phases"), help_text=_("One step per line, in order."))
    conditions = LinesField(label=_("Conditions for success"))
    attention_points = LinesField(label=_("Attention points"))
    findings = LinesField(label=_("Findings and quotes"))
    sources = SourcesField(
        label=_("Developed from"),
        queryset=Experiment.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Only experiments that have reached the conceptualisation phase."),
    )

    FIELDS = ("title", "track", *CONCEPT_SECTIONS)

    def __init__(self, *args, concept: Concept | None = None, **kwargs):
        self.concept = concept
        if concept is not None:
            initial = {name: getattr(concept, name) for name in self.FIELDS}
            initial["track"] = concept.track_id
            initial["sources"] = [e.pk for e in concept.source_experiments.all()]
            initial["version"] = edit_version(concept)
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = Track.objects.select_related("program").order_by("title")
        self.fields["sources"].queryset = Experiment.objects.only("pk", "title", "phase").order_by(
            "title"
        )

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(_("A concept needs a title."), code="required")
        return title

    def clean_version(self) -> str | None:
        version = self.cleaned_data.get("version")
        if self.concept is not None and not version:
            self.add_error(None, VERSION_MISSING)
        return version or None

    def renew_version(self, version: str) -> None:
        data = self.data.copy()
        data["version"] = version
        self.data = data

    def data_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def conflicts(self, current: Concept) -> list[dict]:
        rows = []
        for name in self.FIELDS:
            theirs, yours = getattr(current, name), self.cleaned_data[name]
            if theirs != yours:
                rows.append(
                    {
                        "label": self.fields[name].label,
                        "theirs": _as_text(theirs),
                        "yours": _as_text(yours),
                    }
                )
        return rows


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReasonForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write a reason.")},
    )


class PublicForm(forms.Form):
    public = forms.BooleanField(required=False)


class BookletRequestForm(forms.Form):
    program = forms.ModelChoiceField(
        label=_("Program"),
        queryset=None,
        empty_label=_("Choose a program"),
        error_messages={"invalid_choice": _("Choose one of the programs in the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = program_choices()

    def subject(self):
        return self.cleaned_data["program"]


class FactSheetRequestForm(forms.Form):
    experiment = forms.ModelChoiceField(
        label=_("Experiment"),
        queryset=None,
        empty_label=_("Choose an experiment"),
        error_messages={"invalid_choice": _("Choose one of the experiments in the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experiment"].queryset = experiment_choices()

    def subject(self):
        return self.cleaned_data["experiment"]

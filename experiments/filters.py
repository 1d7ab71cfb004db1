"""The experiment list's filters: GET parameters in, a filtered queryset and notices out.

Filters are slugs (lab, program, track, institution, concept) or a phase value; a value that
names nothing is ignored and reported, never an error page. The choices come from one small
query over the organisation tables (they are short lists); the selects are rendered here in
Python because rendering ~60 options through template tags costs more than the page's
queries (see bench/README.md).
"""

from dataclasses import dataclass, field

from django import forms
from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from concepts.models import Concept
from labportal.core import fragments
from labportal.organisation.models import DevelopmentLab, Institution, Program, Track

from .enums import Phase

# name: (label, "all" choice, field on Experiment that the id filters)
FILTERS = {
    "lab": (_("Development lab"), _("All development labs"), "program__lab_id"),
    "program": (_("Program"), _("All programs"), "program_id"),
    "track": (_("Trial track"), _("All trial tracks"), "track_id"),
    "institution": (_("Institution"), _("All institutions"), "institution_id"),
    "phase": (_("Phase"), _("All phases"), "phase"),
    "concept": (_("Concept"), _("All concepts"), "concepts"),
}
SOURCES = [  # filter, model, label column
    ("lab", DevelopmentLab, "name"),
    ("program", Program, "title"),
    ("track", Track, "title"),
    ("institution", Institution, "name"),
    ("concept", Concept, "title"),
]
OPTIONS_SQL = " UNION ALL ".join(
    f"SELECT '{kind}', id, slug, {label} FROM {model._meta.db_table}"  # noqa: S608 - constants
    for kind, model, label in SOURCES
)


@dataclass
class Option:
    value: str
    label: str
    id: int | str


def filter_options() -> dict[str, list[Option]]:
    """Every filter's choices, from one query (UNION ALL over the small tables), or from the
    fragment cache when nothing changed since they were read (per language: phase labels)."""
    return fragments.cached("experiment-filter-options", build=_read_options)


def _read_options() -> dict[str, list[Option]]:
    options: dict[str, list[Option]] = {name: [] for name in FILTERS}
    with connection.cursor() as cursor:
        cursor.execute(OPTIONS_SQL)
        for kind, pk, slug, label in cursor:
            options[kind].append(Option(slug, label, pk))
    for kind, _model, _label in SOURCES:
        options[kind].sort(key=lambda o: o.label.casefold())
    options["phase"] = [Option(value, str(label), value) for value, label in Phase.choices]
    return options


class OptionField(forms.CharField):
    """One of a known set of values (cheaper than ChoiceField's choice normalising)."""

    default_error_messages = {"unknown": _("Unknown value.")}

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=200, **kwargs)
        self.allowed: set[str] = set()

    def validate(self, value):
        super().validate(value)
        if value and value not in self.allowed:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")


class ExperimentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    lab = OptionField()
    program = OptionField()
    track = OptionField()
    institution = OptionField()
    phase = OptionField()
    concept = OptionField()

    def __init__(self, data: QueryDict, options: dict[str, list[Option]]):
        super().__init__(data)
        for name, (label, _all, _field) in FILTERS.items():
            self.fields[name].label = label
            self.fields[name].allowed = {o.value for o in options[name]}


@dataclass
class ActiveFilter:
    name: str
    label: str  # the filter's name, e.g. "Trial track"
    value_label: str  # e.g. "Relationsbaseret ledelse"
    remove_query: str  # the query string without this filter


@dataclass
class Filtering:
    """What the list page needs from the GET parameters."""

    q: str = ""
    selected: dict[str, str] = field(default_factory=dict)  # name -> value (valid only)
    active: list[ActiveFilter] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # filter labels whose value was junk
    query_string: str = ""  # the valid filters and q, for pagination links

    def apply(self, queryset: QuerySet, options: dict[str, list[Option]]) -> QuerySet:
        conditions = {}
        for name, value in self.selected.items():
            option = next(o for o in options[name] if o.value == value)
            conditions[FILTERS[name][2]] = option.id
        return queryset.filter(**conditions) if conditions else queryset


def parse_filters(params: QueryDict, options: dict[str, list[Option]]) -> Filtering:
    form = ExperimentFilterForm(params, options)
    form.is_valid()  # fills cleaned_data with the valid fields, errors with the junk ones
    data = form.cleaned_data
    selected = {name: data[name] for name in FILTERS if data.get(name)}
    ignored = [str(FILTERS[name][0]) for name in FILTERS if name in form.errors]
    q = " ".join((data.get("q") or "").split())
    kept = QueryDict(mutable=True)
    if q:
        kept["q"] = q
    for name, value in selected.items():
        kept[name] = value
    active = []
    for name, value in selected.items():
        rest = kept.copy()
        del rest[name]
        label = next(o.label for o in options[name] if o.value == value)
        active.append(ActiveFilter(name, str(FILTERS[name][0]), label, rest.urlencode()))
    if q:
        rest = kept.copy()
        del rest["q"]
        active.append(ActiveFilter("q", str(_("Search")), q, rest.urlencode()))
    return Filtering(
        q=q, selected=selected, active=active, ignored=ignored, query_string=kept.urlencode()
    )


def filter_selects_html(options: dict[str, list[Option]], filtering: Filtering) -> SafeString:
    """The form's labelled selects, every value escaped."""
    parts = []
    for name, (label, all_label, _field) in FILTERS.items():
        chosen = filtering.selected.get(name, "")
        parts.append(
            f'<div class="form-group"><label for="filter-{name}">{escape(label)}</label>'
            f'<select id="filter-{name}" name="{name}"><option value="">{escape(all_label)}'
            "</option>"
        )
        parts.extend(
            f'<option value="{escape(o.value)}"{" selected" if o.value == chosen else ""}>'
            f"{escape(o.label)}</option>"
            for o in options[name]
        )
        parts.append("</select></div>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above

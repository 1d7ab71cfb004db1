"""The experiment list's filters: a django-filter FilterSet over the GET parameters.

Filters are slugs (lab, program, track, institution, concept) or a phase value. A value that
names nothing is ignored and reported, never an error page: the FilterSet filters with the
fields that validated. The slugs' choices are the short organisation lists and concepts,
read in one query (selectors.experiment_filter_choices) or taken from the fragment cache,
and passed to the FilterSet, so validating and rendering the selects run no query.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from labportal.core import fragments

from .enums import Phase
from .models import Experiment
from .selectors import experiment_filter_choices

Choices = dict[str, list[tuple[str, str, int]]]  # filter -> (slug, label, id), phase aside


class FilterSelect(forms.Select):
    template_name = "experiments/includes/filter_select.html"


class SelectFilter(django_filters.ChoiceFilter):
    """A choice filter drawn with FilterSelect."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, widget=FilterSelect, **kwargs)


class SlugFilter(SelectFilter):
    """One of the slugs given to the FilterSet, filtered by the id it names: comparing slugs
    would join each named table, and PostgreSQL plans the page query about 2 ms longer with
    three such filters (bench data, 10,000 experiments)."""

    ids: dict[str, int]  # set by ExperimentFilter

    def filter(self, qs, value):
        return super().filter(qs, self.ids.get(value))


class FilterForm(forms.Form):
    # The search is the form's (so a NUL character is refused, not sent to the database)
    # but not a filter: experiments/search.py ranks what the filters leave. The element ids
    # are the page's as before: "filter-q" is the htmx trigger's source.
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="filter-%s", **kwargs)


class ExperimentFilter(django_filters.FilterSet):
    lab = SlugFilter(
        "program__lab", label=_("Development lab"), empty_label=_("All development labs")
    )
    program = SlugFilter("program", label=_("Program"), empty_label=_("All programs"))
    track = SlugFilter("track", label=_("Trial track"), empty_label=_("All trial tracks"))
    institution = SlugFilter(
        "institution", label=_("Institution"), empty_label=_("All institutions")
    )
    phase = SelectFilter(
        "phase", label=_("Phase"), empty_label=_("All phases"), choices=Phase.choices
    )
    # The reverse relation: concepts depends on experiments, not the other way.
    concept = SlugFilter("concepts", label=_("Concept"), empty_label=_("All concepts"))

    class Meta:
        form = FilterForm

    def __init__(self, data: QueryDict, choices: Choices):
        super().__init__(data, queryset=Experiment.objects.all())
        for name, options in choices.items():
            pairs = [(slug, label) for slug, label, _id in options]
            # A callable: the form copies its fields for each instance, choices and all.
            self.filters[name].extra["choices"] = lambda pairs=pairs: pairs
            self.filters[name].ids = {slug: pk for slug, _label, pk in options}

    def filter_queryset(self, queryset):
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:  # not q
                queryset = self.filters[name].filter(queryset, value)
        return queryset


def filter_choices() -> Choices:
    """The slugs' choices, from the fragment cache while nothing has changed."""
    return fragments.cached("experiment-filter-choices", build=experiment_filter_choices)


@dataclass
class ActiveFilter:
    name: str
    label: str  # the filter's name, e.g. "Trial track"
    value_label: str  # e.g. "Relationsbaseret ledelse"
    remove_query: str  # the query string without this filter


@dataclass
class Filtering:
    """What the list page needs from the GET parameters."""

    filterset: ExperimentFilter | None  # .qs: what the valid filters leave (not cached)
    q: str
    selected: dict[str, str]  # name -> value, the valid ones only
    active: list[ActiveFilter]
    ignored: list[str]  # the labels of the filters whose value was junk
    query_string: str  # q and the valid filters: pagination links and the pushed address


def parse_filters(params: QueryDict, choices: Choices) -> Filtering:
    filterset = ExperimentFilter(params, choices)
    form = filterset.form
    form.is_valid()  # fills cleaned_data with the valid fields, errors with the junk ones
    data = form.cleaned_data
    selected = {name: data[name] for name in filterset.filters if data.get(name)}
    ignored = [str(f.label) for name, f in filterset.filters.items() if name in form.errors]
    q = " ".join((data.get("q") or "").split())
    kept = QueryDict(mutable=True)
    if q:
        kept["q"] = q
    kept.update(selected)
    shown = [
        (name, form.fields[name].label, dict(form.fields[name].choices)[value])
        for name, value in selected.items()
    ]
    if q:
        shown.append(("q", _("Search"), q))
    active = []
    for name, label, value_label in shown:
        rest = kept.copy()
        del rest[name]
        active.append(ActiveFilter(name, str(label), str(value_label), rest.urlencode()))
    return Filtering(filterset, q, selected, active, ignored, kept.urlencode())


def selects_form(choices: Choices, selected: dict[str, str], counts=None) -> forms.Form:
    """The selects' form, bound to the filters that apply only: a junk value shows as "all"
    without marking the field invalid (the results say it was ignored). With `counts`
    (experiments/facets.py) each option's label ends with its number of experiments."""
    form = ExperimentFilter(selected, choices).form
    del form.fields["q"]  # the page renders the search box with the visitor's words
    if counts is not None:
        for name, field in form.fields.items():
            # Without the empty choice: the field adds its empty label itself.
            field.choices = [
                (value, f"{label} ({counts[name].get(value, 0)})")
                for value, label in field.choices
                if value
            ]
    return form


def option_labels(form: forms.Form) -> dict[str, dict[str, str]]:
    """Each select's option labels by value, keyed by the select's id."""
    return {
        form[name].id_for_label: {value: str(label) for value, label in field.choices if value}
        for name, field in form.fields.items()
    }

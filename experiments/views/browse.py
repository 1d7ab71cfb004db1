"""The experiment list: filters and search, one URL, a full page or (for htmx) the results.

Kept cheap on purpose (see bench/README.md): rows are fetched as dicts with only the columns
the cards show, detail links are built from one reversed prefix, counts are capped instead
of counting a large table, and the filter choices come from one small query.
"""

import json
from dataclasses import replace

import rules
from django.core.paginator import Page, Paginator
from django.db.models import Expression, QuerySet, Subquery
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url
from rules.contrib.views import permission_required

from experiments.enums import Phase
from experiments.facets import facet_counts
from experiments.filters import (
    Filtering,
    filter_choices,
    option_labels,
    parse_filters,
    selects_form,
)
from experiments.search import SearchResults, experiment_search, highlight
from labportal.core import fragments

PAGE_SIZE = 25
COUNT_CAP = 1000  # the plain list counts at most this many (then says "more than")
SUMMARY_LENGTH = 220
CARD_FIELDS = ("slug", "title", "phase", "summary_short", "institution__name", "track__title")


def _page_number(raw: str | None) -> int:
    """The page asked for, 1 for junk; Paginator shows the last page for one beyond it."""
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


def _summary(text: str) -> str:
    text = " ".join(text.split())
    if len(text) < SUMMARY_LENGTH:
        return text
    return text[: text.rfind(" ", 0, SUMMARY_LENGTH - 1)].rstrip(",.;:") + " …"


def card_rows(queryset: QuerySet, *, start: int, snippet: Expression | None = None) -> QuerySet:
    """The page's cards as dicts from an ordered queryset.

    The page is ordered and cut on narrow rows first; only its rows are then joined, cut
    short and (for a search) highlighted.
    """
    page_ids = queryset.values("pk")[start : start + PAGE_SIZE]
    rows = queryset.filter(pk__in=Subquery(page_ids)).annotate(
        summary_short=Substr("summary", 1, SUMMARY_LENGTH + 40)
    )
    if snippet is None:
        return rows.values(*CARD_FIELDS)
    return rows.annotate(snippet=snippet).values(*CARD_FIELDS, "snippet")


class Cards:
    """The list's cards as Paginator reads them. The count is the one already known (the
    search's, or a count capped at COUNT_CAP: a full COUNT of a large table costs more than
    the page) and a page is cut by card_rows, not by slicing the whole queryset."""

    def __init__(self, queryset: QuerySet, total: int, snippet: Expression | None = None):
        self.queryset, self.total, self.snippet = queryset, total, snippet

    def count(self) -> int:
        return self.total

    def __getitem__(self, page: slice) -> list[dict]:
        if page.start >= page.stop:  # nothing matches: no query
            return []
        detail_prefix = reverse("experiments:list")
        phase_labels = {value: str(label) for value, label in Phase.choices}
        rows = list(card_rows(self.queryset, start=page.start, snippet=self.snippet))
        for row in rows:
            row["url"] = f"{detail_prefix}{row['slug']}/"
            row["phase_label"] = phase_labels.get(row["phase"], row["phase"])
            row["meta"] = " · ".join(filter(None, (row["institution__name"], row["track__title"])))
            marked = row.get("snippet")
            row["text"] = highlight(marked) if marked else _summary(row["summary_short"])
        return rows


def list_page(filtering: Filtering, number: int) -> tuple[Page, bool, SearchResults | None]:
    """The page of cards asked for (the last one if beyond), whether the count is capped, and
    the search (facets.facet_counts reuses its matches). A search is ranked by
    experiments/search.py, the plain list ordered by title."""
    experiments = filtering.filterset.qs
    results = None
    if filtering.q:
        results = experiment_search(experiments, filtering.q)
        cards = Cards(results.queryset, results.total, results.snippet)
        capped = results.capped
    else:
        total = experiments.order_by().values("pk")[: COUNT_CAP + 1].count()
        cards = Cards(experiments.order_by("title", "pk"), min(total, COUNT_CAP))
        capped = total > COUNT_CAP
    return Paginator(cards, PAGE_SIZE).get_page(number), capped, results


def results_html(filtering: Filtering, page: Page, capped: bool, option_labels: dict) -> str:
    """The results part of the list (count, cards, pagination or the empty state), with the
    filter options' labels and counts for experiment_list.js to put into the selects."""
    context = {
        "page": page,
        "capped": capped,
        "filtering": filtering,
        "option_labels": json.dumps(option_labels, ensure_ascii=False),
        "list_url": reverse("experiments:list"),
    }
    return render_to_string("experiments/list.html#results", context)


def shareable_url(filtering: Filtering, number: int) -> str:
    params = filtering.query_string
    if number > 1:
        params = f"{params}&page={number}" if params else f"page={number}"
    return reverse("experiments:list") + (f"?{params}" if params else "")


# The GET parameters that shape the list, in a fixed order.
LIST_PARAMETERS = ("q", "lab", "program", "track", "institution", "phase", "concept", "page")


def list_key(params) -> tuple:
    """The parameters as given: the cache key of what they lead to, so that a list served
    from the cache validates nothing and builds no FilterSet (~0.5 ms, an eighth of such a
    request). Junk values get keys of their own, as any search words do."""
    return tuple((name, value) for name in LIST_PARAMETERS if (value := params.get(name)))


def listed(params) -> dict:
    """The filters' outcome (without the FilterSet), the page number, the results HTML and
    the selects' HTML with each option's count."""
    choices = filter_choices()
    filtering = parse_filters(params, choices)
    number = _page_number(params.get("page"))
    page, capped, search = list_page(filtering, number)
    form = selects_form(choices, filtering.selected, facet_counts(filtering, search))
    return {
        "filtering": replace(filtering, filterset=None),
        "number": number,
        "results": results_html(filtering, page, capped, option_labels(form)),
        "selects": render_to_string("experiments/list.html#selects", {"form": form}),
    }


@require_GET
@permission_required("portal.view", raise_exception=True)
@vary_on_headers("HX-Request")
def experiment_list(request: HttpRequest) -> HttpResponse:
    """The whole page, or for htmx only the results. The results are the same for everyone
    who may see the list, so they come from the fragment cache (labportal/core/fragments.py)
    whenever nothing has changed since they were rendered for these parameters."""
    found = fragments.cached(
        "experiment-list", list_key(request.GET), build=lambda: listed(request.GET)
    )
    filtering, number = found["filtering"], found["number"]
    if request.htmx:
        # The address bar gets the filters that apply, not every empty field of the form.
        # The count of active filters on "Filtrér" is outside the results: swapped out of band.
        count = render_to_string(
            "experiments/list.html#filter_count", {"filtering": filtering, "oob": True}
        )
        return push_url(HttpResponse(found["results"] + count), shareable_url(filtering, number))
    context = {
        "results": found["results"],
        "filtering": filtering,
        "selects": found["selects"],
        "list_url": reverse("experiments:list"),
        "crumbs": [(None, _("Experiments"))],
        # The portal's rules alone (user.has_perm would also ask the model backend).
        "can_create": rules.has_perm("experiments.create", request.user),
        "can_import": rules.has_perm("portal.administer", request.user),
    }
    return render(request, "experiments/list.html", context)

"""The experiment list: filters and search, one URL, a full page or (for htmx) the results.

Kept cheap on purpose (see bench/README.md): rows are fetched as dicts with only the columns
the cards show, detail links are built from one reversed prefix, counts are capped instead
of counting a large table, and the filter choices come from one small query.
"""

from dataclasses import dataclass

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
from experiments.filters import Filtering, filter_options, filter_selects_html, parse_filters
from experiments.models import Experiment
from experiments.search import experiment_search, highlight
from labportal.core import fragments

PAGE_SIZE = 25
COUNT_CAP = 1000  # the plain list counts at most this many (then says "more than")
SUMMARY_LENGTH = 220
CARD_FIELDS = ("slug", "title", "phase", "summary_short", "institution__name", "track__title")


@dataclass
class Page:
    number: int
    num_pages: int
    total: int
    capped: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _page_number(raw: str | None) -> int:
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


def results_html(options: dict, filtering: Filtering, number: int) -> str:
    """The results part of the list (count, cards, pagination or the empty state)."""
    experiments = filtering.apply(Experiment.objects.all(), options)
    if filtering.q:
        results = experiment_search(experiments, filtering.q)
        queryset, total, capped = results.queryset, results.total, results.capped
        snippet = results.snippet
    else:
        snippet = None
        queryset = experiments.order_by("title", "pk")
        total = experiments.order_by().values("pk")[: COUNT_CAP + 1].count()
        capped = total > COUNT_CAP
        total = min(total, COUNT_CAP)
    num_pages = max(1, -(-total // PAGE_SIZE))
    page = Page(min(number, num_pages), num_pages, total, capped)

    rows = []
    if total:
        start = (page.number - 1) * PAGE_SIZE
        rows = list(card_rows(queryset, start=start, snippet=snippet))
    detail_prefix = reverse("experiments:list")
    phase_labels = {value: str(label) for value, label in Phase.choices}
    for row in rows:
        row["url"] = f"{detail_prefix}{row['slug']}/"
        row["phase_label"] = phase_labels.get(row["phase"], row["phase"])
        row["meta"] = " · ".join(filter(None, (row["institution__name"], row["track__title"])))
        marked = row.get("snippet")
        row["text"] = highlight(marked) if marked else _summary(row["summary_short"])
    context = {"rows": rows, "page": page, "filtering": filtering, "list_url": detail_prefix}
    return render_to_string("experiments/list.html#results", context)


def shareable_url(filtering: Filtering, number: int) -> str:
    params = filtering.query_string
    if number > 1:
        params = f"{params}&page={number}" if params else f"page={number}"
    return reverse("experiments:list") + (f"?{params}" if params else "")


@require_GET
@permission_required("portal.view", raise_exception=True)
@vary_on_headers("HX-Request")
def experiment_list(request: HttpRequest) -> HttpResponse:
    """The whole page, or for htmx only the results. The results are the same for everyone
    who may see the list, so they come from the fragment cache (labportal/core/fragments.py)
    whenever nothing has changed since they were rendered for these filters and this page."""
    options = filter_options()
    filtering = parse_filters(request.GET, options)
    number = _page_number(request.GET.get("page"))
    results = fragments.cached(
        "experiment-results",
        filtering.query_string,
        number,
        filtering.ignored,
        build=lambda: results_html(options, filtering, number),
    )
    if request.htmx:
        # The address bar gets the filters that apply, not every empty field of the form.
        return push_url(HttpResponse(results), shareable_url(filtering, number))
    context = {
        "results": results,
        "filtering": filtering,
        "selects": fragments.cached(
            "experiment-filter-selects",
            filtering.selected,
            build=lambda: filter_selects_html(options, filtering),
        ),
        "list_url": reverse("experiments:list"),
        "crumbs": [(None, _("Experiments"))],
    }
    return render(request, "experiments/list.html", context)

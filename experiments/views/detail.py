"""One experiment: its sections in the booklet's order, team, wheel and timeline; and its edit
history on a page of its own (loaded into the experiment page on demand with htmx)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from experiments import selectors
from labportal.core import fragments

from .wheel import panel_context


def safe_links(links) -> list[tuple[str, str | None]]:
    """(text, url) pairs; only http(s) and mailto addresses become links."""
    result = []
    for link in links or []:
        if isinstance(link, dict):
            url, text = str(link.get("url") or ""), str(link.get("title") or "")
        else:
            url = text = str(link)
        ok = url.startswith(("https://", "http://", "mailto:"))
        result.append((text or url, url if ok else None))
    return result


def page_parts(user, slug: str) -> dict:
    """The experiment and the parts of its page that read the same for everyone (facts,
    sections, team), rendered once per change and kept in the fragment cache
    (labportal/core/fragments.py). 404 when unknown, 403 when not readable."""

    def build() -> dict:
        experiment = selectors.experiment_or_404(slug)
        concepts, iterations = selectors.experiment_links(experiment)
        context = {
            "experiment": experiment,
            "memberships": list(experiment.memberships.all()),
            "concepts": concepts,
            "iterations": iterations,
            "links": safe_links(experiment.links),
        }
        return {
            "experiment": experiment,
            "facts": render_to_string("experiments/detail.html#facts", context),
            "sections": render_to_string("experiments/detail.html#sections", context),
        }

    parts = fragments.cached("experiment-page", slug, build=build)
    selectors.ensure_can_view(user, parts["experiment"])
    return parts


def detail_context(request: HttpRequest, parts: dict, **panel) -> dict:
    """The page around the shared parts: what this person may do with the experiment."""
    user = request.user
    experiment = parts["experiment"]
    context = panel_context(request, experiment, **panel)
    # The edit history (a simple-history query and a diff of every record) is not computed
    # here: the page links to experiment_history, which htmx loads in place on demand.
    context |= {
        "facts": parts["facts"],
        "sections": parts["sections"],
        "can_edit": user.has_perm("experiments.change", experiment),
        "can_view_history": user.has_perm("experiments.view_history", experiment),
        "crumbs": [
            (reverse("experiments:list"), _("Experiments")),
            (None, experiment.title),
        ],
    }
    return context


@require_GET
@permission_required("portal.view", raise_exception=True)
@vary_on_headers("HX-Request")
def experiment_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole page; an htmx request gets the wheel panel only."""
    parts = page_parts(request.user, slug)
    if request.htmx:
        context = panel_context(request, parts["experiment"])
        return render(request, "experiments/detail.html#wheel_panel", context)
    return render(request, "experiments/detail.html", detail_context(request, parts))


@require_GET
@permission_required("portal.view", raise_exception=True)
@vary_on_headers("HX-Request")
def experiment_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed which field, old and new (the latest edits, newest first): a page of its
    own, or for htmx only the list, swapped into the experiment page."""
    experiment = selectors.experiment_for_history(request.user, slug)
    edits = selectors.experiment_changes(experiment)
    context = {
        "experiment": experiment,
        "edits": edits,
        "capped": len(edits) >= selectors.HISTORY_LIMIT,
        "history_limit": selectors.HISTORY_LIMIT,
    }
    if request.htmx:
        return render(request, "experiments/history.html#edit_history", context)
    context["crumbs"] = [
        (reverse("experiments:list"), _("Experiments")),
        (experiment.get_absolute_url(), experiment.title),
        (None, _("Edit history")),
    ]
    return render(request, "experiments/history.html", context)

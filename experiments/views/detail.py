"""One experiment: its sections in the booklet's order, team, wheel and timeline; and its edit
history on a page of its own (loaded into the experiment page on demand with htmx)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from experiments import selectors

from .page import detail_context, page_parts, panel_context


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

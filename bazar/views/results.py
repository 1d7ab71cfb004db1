"""What the bazar led to: the results of one event and of all events (results.py computes
them; effect_selectors.py says whose). Anyone with a role sees events out of planning."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from .. import effect_selectors
from .. import results as results_module


def _context(found: results_module.Results, **extra) -> dict:
    return {
        "results": found,
        "total": found.total,
        "practices": found.practices,
        **extra,
    }


@require_GET
@permission_required("portal.view", raise_exception=True)
def results_all(request: HttpRequest) -> HttpResponse:
    events, found = effect_selectors.all_results(request.user)
    context = _context(
        found,
        events=events,
        crumbs=[(reverse("bazar:index"), _("Bazar")), (None, _("Results"))],
    )
    return render(request, "bazar/results/results.html", context)


@require_GET
@permission_required("portal.view", raise_exception=True)
def results(request: HttpRequest, event: str) -> HttpResponse:
    found_event = effect_selectors.event_for_results(request.user, event)
    found = results_module.figures([found_event.pk])
    context = _context(
        found,
        event=found_event,
        crumbs=[
            (reverse("bazar:index"), _("Bazar")),
            (found_event.get_absolute_url(), found_event.title),
            (None, _("Results")),
        ],
    )
    return render(request, "bazar/results/results.html", context)

"""The experiment list with filters and search (placeholder)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from experiments.models import Experiment


@require_GET
@permission_required("portal.view", raise_exception=True)
def experiment_list(request: HttpRequest) -> HttpResponse:
    experiments = Experiment.objects.select_related("institution", "track")[:25]
    return render(request, "experiments/list.html", {"experiments": experiments})

"""One experiment: its sections, wheel and history (placeholder)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from experiments.models import Experiment


@require_GET
@permission_required("portal.view", raise_exception=True)
def experiment_detail(request: HttpRequest, slug: str) -> HttpResponse:
    experiment = get_object_or_404(Experiment, slug=slug)
    return render(request, "experiments/detail.html", {"experiment": experiment})

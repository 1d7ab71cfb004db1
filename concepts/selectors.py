from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from experiments.models import Experiment

from .models import Concept


def concept_list():
    return Concept.objects.select_related("track", "program").order_by("track__title", "title")


def concept_for_user(user, slug: str) -> Concept:
    """The one way to fetch a concept for a page. Every signed-in role may read concepts."""
    experiments = Experiment.objects.only("slug", "title", "phase").order_by("title")
    return get_object_or_404(
        Concept.objects.select_related("track", "program").prefetch_related(
            Prefetch("source_experiments", queryset=experiments)
        ),
        slug=slug,
    )

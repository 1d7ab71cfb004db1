"""Concepts in each status, the people around them, and a way to publish one."""

import pytest

from concepts import services
from concepts.models import Concept
from experiments.enums import Phase
from tests.factories import ExperimentFactory, TrackFactory


@pytest.fixture
def track(db):
    return TrackFactory(slug="udforskende", title="Udforskende ledelse")


@pytest.fixture
def people(make_user):
    return {
        "staff": make_user("staff"),
        "author": make_user("staff"),
        "strategic": make_user("strategic"),
        "leader": make_user("leader"),
        "administrator": make_user("administrator", is_staff=True),
    }


@pytest.fixture
def make_concept(db, track):
    """make_concept(status, authors=[...], **fields): a concept moved to `status` through
    the services (published ones have version 1)."""

    def make(status="draft", *, authors=(), by=None, **fields):
        concept = Concept.objects.create(
            slug=fields.pop("slug", None) or f"koncept-{Concept.objects.count() + 1}",
            title=fields.pop("title", "Tre rum"),
            program=track.program,
            track=fields.pop("track", track),
            focus=fields.pop("focus", "Et fokus"),
            **fields,
        )
        concept.authors.set(authors)
        if status in ("review", "published"):
            Concept.objects.filter(pk=concept.pk).update(status="review")
            concept.refresh_from_db()
        if status == "published":
            services.concept_publish(concept=concept, by=by)
            concept.refresh_from_db()
        return concept

    return make


def source(phase=Phase.CONCEPT, **kwargs):
    return ExperimentFactory(phase=phase, **kwargs)

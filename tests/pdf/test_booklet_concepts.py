"""The booklet shows concepts as every reader may read them: a published concept, or the
latest live version of one whose new draft is in the works; never a draft's text."""

import pytest
from django.utils import timezone

from concepts.models import Concept, ConceptVersion
from labportal.pdf.booklet import booklet_html
from tests.factories import TrackFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_concept_with_a_new_draft_shows_its_published_version_and_a_draft_shows_nothing():
    track = TrackFactory()
    program = track.program
    reworked = Concept.objects.create(
        slug="omarbejdet",
        title="Omarbejdet",
        program=program,
        track=track,
        status="draft",
        focus="Kladdens nye fokus",
    )
    ConceptVersion.objects.create(
        concept=reworked,
        number=1,
        snapshot={"title": "Omarbejdet", "focus": "Det udgivne fokus", "description": ""},
        published_at=timezone.now(),
        published_by=UserFactory(),
    )
    Concept.objects.create(
        slug="kladde", title="Ren kladde", program=program, track=track, focus="Hemmeligt"
    )
    Concept.objects.create(
        slug="udgivet", title="Udgivet", program=program, track=track, status="published"
    )

    html = booklet_html(program)

    assert "Det udgivne fokus" in html
    assert "Kladdens nye fokus" not in html
    assert "Ren kladde" not in html
    assert "Hemmeligt" not in html
    assert "Udgivet" in html

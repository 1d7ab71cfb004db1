"""The concepts' part of a program's booklet (labportal.pdf.booklet): the overview of the
tracks with their concepts, and per track its concepts. Only published concepts appear."""

from django.db.models import Prefetch

from labportal.pdf.booklet import Section

from .enums import ConceptStatus
from .models import Concept


def _published():
    return Concept.objects.filter(status=ConceptStatus.PUBLISHED).order_by("title")


def overview(program) -> dict:
    tracks = program.tracks.order_by("title").prefetch_related(
        Prefetch("concepts", queryset=_published(), to_attr="published_concepts")
    )
    return {"tracks": list(tracks)}


def track_concepts(track) -> dict:
    return {"track": track, "concepts": list(_published().filter(track=track))}


SECTIONS = [
    Section(30, "program", "concepts/pdf/overview.html", overview),
    Section(20, "track", "concepts/pdf/track_concepts.html", track_concepts),
]

"""The concepts' part of a program's booklet (labportal.pdf.booklet): the overview of the
tracks with their concepts, and per track its concepts. A booklet shows what every reader
may read: a published concept as it stands, and a concept with a new draft in the works as
its latest live version (the text frozen at publication), never a draft."""

from types import SimpleNamespace

from django.db.models import Prefetch

from labportal.pdf.booklet import Section

from .enums import ConceptStatus
from .models import Concept, ConceptVersion


def _readable(concepts) -> list:
    """Each concept as readers see it (two queries for any number of concepts)."""
    live = ConceptVersion.objects.live().order_by("-number")
    rows = (
        concepts.readable()
        .prefetch_related(Prefetch("versions", queryset=live, to_attr="live"))
        .order_by("title")
    )
    shown = []
    for concept in rows:
        if concept.status == ConceptStatus.PUBLISHED or not concept.live:
            shown.append(concept)
        else:
            shown.append(SimpleNamespace(track_id=concept.track_id, **concept.live[0].snapshot))
    return sorted(shown, key=lambda c: c.title.casefold())


def overview(program) -> dict:
    tracks = list(program.tracks.order_by("title"))
    concepts = _readable(Concept.objects.filter(track__in=tracks))
    for track in tracks:
        track.published_concepts = [c for c in concepts if c.track_id == track.pk]
    return {"tracks": tracks}


def track_concepts(track) -> dict:
    return {"track": track, "concepts": _readable(Concept.objects.filter(track=track))}


SECTIONS = [
    Section(30, "program", "concepts/pdf/overview.html", overview),
    Section(20, "track", "concepts/pdf/track_concepts.html", track_concepts),
]

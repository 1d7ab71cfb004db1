"""A concept's content as one plain dict: what the page shows and what a version freezes.

The page renders the working text and a published snapshot the same way, so what staff
read of a published version is exactly what was frozen at publication.
"""

from .enums import CONCEPT_SECTIONS


def concept_content(concept) -> dict:
    """The concept's title, program, track, sections and source experiments, as JSON values.
    Reads `source_experiments` as the caller prefetched it."""
    content = {
        "title": concept.title,
        "program": concept.program.title,
        "track": concept.track.title if concept.track_id else "",
        "sources": [
            {"slug": experiment.slug, "title": experiment.title}
            for experiment in sorted(concept.source_experiments.all(), key=lambda e: e.title)
        ],
    }
    content |= {name: getattr(concept, name) for name in CONCEPT_SECTIONS}
    return content

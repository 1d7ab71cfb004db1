"""Find the portal's existing object for something the booklet names, so an import after the
demo (or after editing in the portal) updates that object instead of adding a second one.

Each lookup tries the slug first (`danish_slugify` of the name, the same slug the demo and the
editing forms use), then the name: tracks also by their aliases, concepts also by their
other spellings (`Concept.aliases`) and the short name in parentheses, experiments by title
within the program. Names are compared case-insensitively.
"""

from __future__ import annotations

from collections.abc import Iterable

from concepts.models import Concept
from experiments.models import Experiment
from labportal.organisation.models import DevelopmentLab, Institution, Program, Track, TrackAlias

from .parser import ParsedConcept, ParsedExperiment
from .text import key, short_name
from .tracks import ParsedTrack


def lab(*, slug: str, name: str) -> DevelopmentLab | None:
    return (
        DevelopmentLab.objects.filter(slug=slug).first()
        or DevelopmentLab.objects.filter(name__iexact=name).order_by("pk").first()
    )


def program(*, slug: str, title: str, by_title: bool = True) -> Program | None:
    found = Program.objects.filter(slug=slug).first()
    if found is None and by_title:
        found = Program.objects.filter(title__iexact=title).order_by("pk").first()
    return found


def institution(*, slug: str, name: str) -> Institution | None:
    return (
        Institution.objects.filter(slug=slug).first()
        or Institution.objects.filter(name__iexact=name).order_by("pk").first()
    )


def track(parsed: ParsedTrack) -> Track | None:
    found = Track.objects.filter(slug=parsed.slug).first()
    if found is not None:
        return found
    for name in (parsed.title, *parsed.aliases):
        found = track_by_name(name)
        if found is not None:
            return found
    return None


def track_by_name(name: str) -> Track | None:
    """The track titled `name`, or the one `name` is an alias of."""
    if not name:
        return None
    found = Track.objects.filter(title__iexact=name).order_by("pk").first()
    if found is not None:
        return found
    alias = TrackAlias.objects.filter(name__iexact=name).select_related("track").first()
    return alias.track if alias is not None else None


def concept(parsed: ParsedConcept) -> Concept | None:
    found = Concept.objects.filter(slug=parsed.slug).first()
    if found is not None:
        return found
    wanted = _keys([parsed.title, *parsed.aliases, short_name(parsed.title) or ""])
    candidates = list(Concept.objects.only("pk", "slug", "title", "aliases").order_by("pk"))
    by_title = [c for c in candidates if key(c.title) in wanted]
    if by_title:
        return Concept.objects.get(pk=by_title[0].pk)
    by_alias = [c for c in candidates if _keys(c.aliases or []) & wanted]
    if by_alias:
        return Concept.objects.get(pk=by_alias[0].pk)
    return None


def experiment(parsed: ParsedExperiment, program_: Program) -> Experiment | None:
    found = Experiment.objects.filter(slug=parsed.slug).first()
    if found is not None:
        return found
    for title in dict.fromkeys(t for t in (parsed.title, parsed.name_in_fields) if t):
        found = (
            Experiment.objects.filter(program=program_, title__iexact=title).order_by("pk").first()
        )
        if found is not None:
            return found
    return None


def _keys(names: Iterable[str]) -> set[str]:
    return {key(n) for n in names if n and key(n)}

"""The concepts' part of the booklet import: each concept chapter, and its links to the
experiments it was developed from.

A concept is found by slug, then by title or another spelling (its `aliases`, or the short
name a title ends with in parentheses), since the booklet spells concepts many ways. The
spellings it meets are kept as aliases, with a title the concept loses; links to source
experiments are only ever added.

Needs "program" and "tracks" from the organisation's part and "experiments" from the
experiments'.
"""

from __future__ import annotations

from collections.abc import Iterable

from labportal.booklet import BookletContext, ParsedBooklet, booklet_save
from labportal.booklet.parsed import ParsedConcept
from labportal.booklet.text import key, short_name

from .enums import CONCEPT_SECTIONS
from .models import Concept


def booklet_apply(parsed: ParsedBooklet, context: BookletContext) -> None:
    program, tracks = context["program"], context["tracks"]
    experiments = context["experiments"]
    for item in parsed.concepts:
        found = concept_found(item)
        values = {"title": item.title, "program": program, "track": tracks.get(item.track)}
        values |= {name: getattr(item, name) for name in CONCEPT_SECTIONS}
        values["aliases"] = _merged_aliases(found, item)
        concept = booklet_save(
            Concept, found, slug=item.slug, values=values, report=context.report, kind="concept"
        )
        wanted = {experiments[title].pk for title in item.source_experiments}
        missing = wanted - set(concept.source_experiments.values_list("pk", flat=True))
        if missing:
            concept.source_experiments.add(*missing)
            context.report.mark_updated("concept", str(concept))
        context.tick()


def _merged_aliases(existing: Concept | None, parsed: ParsedConcept) -> list[str]:
    """The concept's other spellings: those it has, the booklet's, and a title it loses."""
    aliases = list(existing.aliases or []) if existing is not None else []
    candidates = list(parsed.aliases)
    if existing is not None and existing.title != parsed.title:
        candidates.append(existing.title)
    known = {name.casefold() for name in aliases} | {parsed.title.casefold()}
    for name in candidates:
        if name.casefold() not in known:
            aliases.append(name)
            known.add(name.casefold())
    return aliases


def concept_found(parsed: ParsedConcept) -> Concept | None:
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


def _keys(names: Iterable[str]) -> set[str]:
    return {key(n) for n in names if n and key(n)}

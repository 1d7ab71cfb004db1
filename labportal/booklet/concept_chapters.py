"""The booklet's concept chapters ("Ledelses- og samarbejdskoncept: X") -> ParsedConcept.

Each chapter has: focus, purpose and use (with a paragraph on the audience), the experiments it
was developed from, a description (often phases or "rooms"), conditions for success,
attention points and findings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.translation import gettext as _

from .cleaning import Line
from .parsed import ParsedConcept, ParsedExperiment, Unplaced
from .text import as_items, as_markdown, best_match, key, short_name, similarity, tidy
from .tracks import Overview

CONCEPT_RE = re.compile(r"^Ledelses- og samarbejdskoncept:\s*(?P<title>.*)$")
SOURCES_RE = re.compile(
    r"udviklet (på baggrund af|med afsæt i) fund og resultater fra følgende", re.IGNORECASE
)
OTHER_SOURCES_RE = re.compile(r"^Andet( materiale)?,? der har bidraget:?$", re.IGNORECASE)
CHAPTER_END_RE = re.compile(r"^(Forsøgssporet for |DEL \d+:)")
PHASE_RE = re.compile(r"^(Fase \d+\.?\s+\S.{0,60}|Det [\w/]+ rum:?)$")
AUDIENCE_RE = re.compile(r"henvender sig til|kan anvendes af|kan benyttes af", re.IGNORECASE)
HEADINGS = {
    "focus": ["Fokus, formål og anvendelse"],
    "attention": ["Opmærksomhedspunkter", "Særlige opmærksomhedspunkter"],
}
PREFIXES = {
    "findings": ("Fund og resultater fra eksperimenterne",),
    "conditions": ("Betingelser og afgørende for successen", "Forudsætning for "),
    "description": ("Beskrivelse af ", "Beskrivende af ", "De tre rum i "),
}


@lru_cache(maxsize=4096)
def heading_kind(text: str) -> str | None:
    if CONCEPT_RE.match(text):
        return "concept"
    if SOURCES_RE.search(text):
        return "sources"
    if OTHER_SOURCES_RE.match(text):
        return "other_sources"
    for kind, prefixes in PREFIXES.items():
        if text.startswith(prefixes) and len(text) <= 80:
            return kind
    if len(text) <= 40:
        for kind, names in HEADINGS.items():
            if any(similarity(text.rstrip(": "), n) >= 0.88 for n in names):
                return kind
    if PHASE_RE.match(text):
        return "phase"
    return None


def parse_concepts(lines: list[Line], overview: Overview, unplaced: list):
    """Concept chapters in `lines`; returns them and the indices of the lines they took."""
    overview_names = {name: track for track, names in overview.tracks.items() for name in names}
    heads = []
    for index, line in enumerate(lines):
        match = CONCEPT_RE.match(line.text)
        if match and index not in overview.indices:
            title, body_start = match["title"].strip(), index + 1
            if not title and index + 1 < len(lines):
                title, body_start = lines[index + 1].text.strip(), index + 2
            heads.append((index, body_start, title))
    ends = [h[0] for h in heads[1:]] + [len(lines)]
    chapters: list[tuple[int, str, list[int]]] = []
    placed: set[int] = set()
    for (index, body_start, title), end in zip(heads, ends[: len(heads)], strict=True):
        stop = next((i for i in range(body_start, end) if CHAPTER_END_RE.match(lines[i].text)), end)
        body = list(range(body_start, stop))
        placed |= set(range(index, stop))
        has_focus = any(heading_kind(lines[i].text) == "focus" for i in body)
        repeated = any(similarity(title, t) >= 0.9 for j, _b, t in heads if j != index)
        if not has_focus and repeated and chapters:
            # A running header of the next concept on a page that still belongs to this one.
            chapters[-1][2].extend(body)
            continue
        chapters.append((index, title, body))
    concepts = []
    for index, title, body in chapters:
        overview_name = _overview_name(title, overview_names)
        concept = ParsedConcept(title=_canonical(title, overview_name), line=lines[index].no)
        concept.track = overview_names.get(overview_name or "")
        for name in (title, overview_name):
            if name and name != concept.title and key(name) not in map(key, concept.aliases):
                concept.aliases.append(name)
        _sections(concept, [lines[i] for i in body], unplaced)
        concepts.append(concept)
    return concepts, placed


def _overview_name(title: str, overview_names: dict[str, str]) -> str | None:
    return best_match(title, {n: [n] for n in overview_names}, 0.8)


def _canonical(title: str, overview_name: str | None) -> str:
    """The overview's spelling when it is the same name; the heading's when it says more."""
    if (
        overview_name
        and similarity(overview_name, title) >= 0.9
        and len(key(title)) <= len(key(overview_name))
    ):
        return overview_name
    return title


def _sections(concept: ParsedConcept, lines: list[Line], unplaced: list) -> None:
    parts: dict[str, list[Line]] = {}
    phases: list[tuple[str, list[Line]]] = []
    other: list[Line] = []
    current, before_sources = None, None
    for line in lines:
        kind = None if line.bullet else heading_kind(line.text)
        if kind == "concept":
            continue
        if kind == "sources":
            before_sources, current = current, "sources"
            continue
        if kind == "other_sources":
            current = "other_sources"
            other.append(Line(line.no, line.text, blank_before=True))
            continue
        if current in ("sources", "other_sources") and not line.bullet and kind is None:
            current = "description" if before_sources in (None, "focus") else before_sources
        if kind == "phase":
            phases.append((line.text.rstrip(":"), []))
            current = "phase"
            continue
        if kind in ("focus", "attention", "findings", "conditions", "description"):
            current = kind
            continue
        if current is None:
            unplaced.append(Unplaced(line.no, line.text, _("concept text before a section")))
        elif current == "sources":
            _add_source(concept, line)
        elif current == "other_sources":
            other.append(line)
        elif current == "phase":
            phases[-1][1].append(line)
        else:
            parts.setdefault(current, []).append(line)
    focus, audience, description = _audience_apart(
        parts.get("focus", []), parts.get("description", [])
    )
    concept.focus = as_markdown(focus, subheadings=True)
    concept.audience = as_markdown(audience)
    concept.description = as_markdown(description + other, subheadings=True)
    concept.phases = [
        f"**{tidy(t)}**\n\n{as_markdown(body, subheadings=True)}".strip() for t, body in phases
    ]
    concept.conditions = as_items(parts.get("conditions", []))
    concept.attention_points = as_items(parts.get("attention", []))
    concept.findings = as_items(parts.get("findings", []))


def _audience_apart(focus: list[Line], description: list[Line]):
    """The first paragraph saying whom the concept is for ("... henvender sig til ...")."""
    blocks: list[list[Line]] = []
    first_of_description = description[0] if description else None
    for line in focus + description:
        if not blocks or line.blank_before or line.bullet or line is first_of_description:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    audience = next((b for b in blocks if any(AUDIENCE_RE.search(line.text) for line in b)), [])
    taken = {id(line) for line in audience}
    return (
        [line for line in focus if id(line) not in taken],
        audience,
        [line for line in description if id(line) not in taken],
    )


def _add_source(concept: ParsedConcept, line: Line) -> None:
    text = tidy(line.text).rstrip(".")
    if concept.source_names and text[:1].islower():
        no, previous = concept.source_names[-1]
        concept.source_names[-1] = (no, f"{previous} {text}")
    else:
        concept.source_names.append((line.no, text))


def names_of(concept: ParsedConcept) -> list[str]:
    names = [concept.title, *concept.aliases]
    short = short_name(concept.title)
    if short:
        names.append(short)
    return names


def split_names(text: str, names: dict[str, list[str]]) -> list[str]:
    """Split "A og B, C" into concept names, re-joining pieces of a name that holds "og"."""
    pieces = [p.strip() for p in re.split(r",\s*|\s+og\s+", text) if p.strip()]
    out: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if best_match(piece, names, 0.8) is None and index + 1 < len(pieces):
            joined = f"{piece} og {pieces[index + 1]}"
            if best_match(joined, names, 0.8) is not None:
                out.append(joined)
                index += 2
                continue
        out.append(piece)
        index += 1
    return out


def link_sources(concepts, experiments: list[ParsedExperiment], unplaced: list) -> None:
    """Each concept's source experiments: the ones it names (matched by title) plus the ones
    naming it; a name no title resembles goes to the one claimant not yet matched."""
    candidates = {e.title: [e.title, e.name_in_fields] for e in experiments}
    for concept in concepts:
        claimants = [e.title for e in experiments if concept.title in e.concepts]
        matched: list[str] = []
        unknown: list[tuple[int, str]] = []
        for no, name in concept.source_names:
            title = best_match(name, candidates, 0.8)
            if title is None:
                unknown.append((no, name))
            elif title not in matched:
                matched.append(title)
        for no, name in unknown:
            left = [t for t in claimants if t not in matched]
            if len(left) == 1:
                matched.append(left[0])
            else:
                unplaced.append(Unplaced(no, name, _("unknown source experiment")))
        concept.source_experiments = [
            *matched,
            *(t for t in claimants if t not in matched),
        ]
        for title in concept.source_experiments:
            experiment = next(e for e in experiments if e.title == title)
            if concept.title not in experiment.concepts:
                experiment.concepts.append(concept.title)

"""The booklet's trial tracks: the overview that names them, and each experiment's track.

An experiment states its track in the field "Forsøgsspor:", and the booklet spells the same
track many ways. A spelling is resolved, in this order:

1. it is a track's title, or shares a long stem with exactly one track's title
   ("Innovativ ledelsespraksis" -> "Innovationsbaseret ledelse");
2. otherwise, when every concept the experiment contributed to belongs to one track, that
   track ("resolved from concepts");
3. otherwise, when the experiment contributed to no concept and stands inside a track's
   chapter ("Forsøgssporet for X"), that track ("resolved from chapter").

A spelling resolved by 2 or 3 becomes an alias of its track and is listed in
`ParsedBooklet.resolved_labels`. What is still unresolved is left to the organisation's part
of the import, which looks the spelling up among the portal's track aliases before reporting it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cleaning import Line
from .parsed import LabelSource, ParsedConcept, ParsedExperiment, ParsedTrack, ResolvedLabel
from .text import common_prefix, similarity

TRACK_CHAPTER_RE = re.compile(r"^Forsøgssporet for (?P<track>.+?)\s*$")
STEM_MIN_LETTERS = 6
CHAPTER_NAME_SIMILARITY = 0.9


@dataclass
class Overview:
    tracks: dict[str, list[str]] = field(default_factory=dict)  # track -> concept names
    indices: set[int] = field(default_factory=set)


def tracks_and_overview(lines: list[Line]) -> tuple[list[ParsedTrack], Overview]:
    """The overview's "Forsøgsspor: X" lines, each followed by its concepts."""
    overview = Overview()
    current = None
    for index, line in enumerate(lines):
        text = line.text
        if text.startswith("Forsøgsspor:"):
            current = text.split(":", 1)[1].strip()
            overview.tracks.setdefault(current, [])
            overview.indices.add(index)
        elif text.startswith("Ledelses- og samarbejdskoncept:") and current is not None:
            name = text.split(":", 1)[1].strip()
            if not name:
                current = None
                continue
            overview.tracks[current].append(name)
            overview.indices.add(index)
        elif text.startswith("Oversigt over forsøgsspor"):
            overview.indices.add(index)
        elif current is not None:
            current = None
    return [ParsedTrack(title) for title in overview.tracks], overview


def chapter_tracks(
    lines: list[Line], title_indices: list[int], tracks: list[ParsedTrack], chapter_re
) -> list[str | None]:
    """For each experiment (by the index of its title line), the track whose chapter it
    stands in: the last chapter heading above it, if that heading names a track."""
    found: list[str | None] = []
    chapter: str | None = None
    position = 0
    for title_index in title_indices:
        while position < title_index:
            text = lines[position].text.strip()
            if chapter_re.match(text):
                match = TRACK_CHAPTER_RE.match(text)
                chapter = track_named(match["track"], tracks) if match else None
            position += 1
        found.append(chapter)
    return found


def track_named(name: str, tracks: list[ParsedTrack]) -> str | None:
    """The title of the track a chapter heading names (tolerating small misspellings)."""
    for track in tracks:
        names = [track.title, *track.aliases]
        if any(similarity(name, n) >= CHAPTER_NAME_SIMILARITY for n in names):
            return track.title
    return None


def resolve_spellings(experiments: list[ParsedExperiment], tracks: list[ParsedTrack]) -> None:
    """Step 1: spellings that name a track (or share a long stem with exactly one)."""
    if not tracks:
        for spelling in dict.fromkeys(e.track_spelling for e in experiments if e.track_spelling):
            tracks.append(ParsedTrack(spelling))
    by_title = {t.title: t for t in tracks}
    for experiment in experiments:
        spelling = experiment.track_spelling
        if not spelling:
            continue
        track = by_title.get(spelling) or _track_for_spelling(spelling, tracks)
        if track is not None:
            experiment.track = track.title
            track.add_alias(spelling)


def _track_for_spelling(spelling: str, tracks: list[ParsedTrack]) -> ParsedTrack | None:
    """The track whose first word shares the longest stem (6+ letters) with the spelling."""
    first = spelling.split()[0]
    scored = sorted(
        ((common_prefix(first, t.title.split()[0]), t) for t in tracks),
        key=lambda pair: -pair[0],
    )
    if (
        not scored
        or scored[0][0] < STEM_MIN_LETTERS
        or (len(scored) > 1 and scored[1][0] == scored[0][0])
    ):
        return None
    return scored[0][1]


def resolve_unknown_labels(
    experiments: list[ParsedExperiment],
    concepts: list[ParsedConcept],
    tracks: list[ParsedTrack],
) -> list[ResolvedLabel]:
    """Steps 2 and 3, for the spellings step 1 left open."""
    concept_tracks = {c.title: c.track for c in concepts}
    by_title = {t.title: t for t in tracks}
    resolved = []
    for experiment in experiments:
        if experiment.track or not experiment.track_spelling:
            continue
        track, source = None, ""
        if experiment.concepts:
            found = {concept_tracks.get(title) for title in experiment.concepts}
            if len(found) == 1 and None not in found:
                track, source = found.pop(), LabelSource.CONCEPTS
        elif experiment.chapter_track:
            track, source = experiment.chapter_track, LabelSource.CHAPTER
        if track is None or track not in by_title:
            continue
        experiment.track = track
        by_title[track].add_alias(experiment.track_spelling)
        resolved.append(
            ResolvedLabel(
                line=experiment.line,
                label=experiment.track_spelling,
                track=track,
                source=source,
                experiment=experiment.title,
            )
        )
    return resolved

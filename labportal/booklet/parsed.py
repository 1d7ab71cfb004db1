"""What the parser returns: plain dataclasses, no database. The parts of the import read
them; the parser's modules (parser, tracks, concept_chapters) fill them in."""

from __future__ import annotations

from dataclasses import dataclass, field

from labportal.core.text import danish_slugify

from .text import short_name


class LabelSource:
    CONCEPTS = "concepts"
    CHAPTER = "chapter"
    PORTAL = "portal"


@dataclass
class ParsedTrack:
    title: str
    aliases: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return danish_slugify(self.title)

    def add_alias(self, spelling: str) -> None:
        known = {a.lower() for a in self.aliases} | {self.title.lower()}
        if spelling.lower() not in known:
            self.aliases.append(spelling)


@dataclass
class ResolvedLabel:
    """A track label naming none of the tracks, placed in a track by other evidence."""

    line: int
    label: str
    track: str  # the track's title
    source: str  # a LabelSource value
    experiment: str  # the experiment's title


@dataclass
class Unplaced:
    line: int
    text: str
    reason: str
    end_line: int | None = None


@dataclass
class ParsedConcept:
    title: str
    line: int
    track: str | None = None
    aliases: list[str] = field(default_factory=list)
    focus: str = ""
    audience: str = ""
    description: str = ""
    phases: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    attention_points: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    source_names: list[tuple[int, str]] = field(default_factory=list)
    source_experiments: list[str] = field(default_factory=list)  # experiment titles

    @property
    def slug(self) -> str:
        """The slug of the short name a heading ends with ("... (TIFS-model)"), else the title's."""
        return danish_slugify(short_name(self.title) or self.title)


@dataclass
class ParsedExperiment:
    title: str
    line: int
    name_in_fields: str = ""
    program: str = ""
    institution: str | None = None
    track: str | None = None
    track_spelling: str = ""
    chapter_track: str | None = None  # the track whose chapter the experiment stands in
    concepts: list[str] = field(default_factory=list)  # concept titles
    challenge: str = ""
    hypothesis: str = ""
    actions: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    conceptualisable_elements: str = ""
    attention_points: list[str] = field(default_factory=list)
    concept_phases: list[str] = field(default_factory=list)
    phase: str = "concept"
    end: int = 0  # index (exclusive) of the experiment's last logical line

    @property
    def slug(self) -> str:
        return danish_slugify(self.title)


@dataclass
class ParsedTheory:
    """What the booklet's text says of a change theory (theories.py); the diagrams are
    figures and are not read."""

    track: str | None  # the track's title; None for the program's theory
    line: int
    ambition: str = ""
    challenge: str = ""
    desired_practice: str = ""


@dataclass
class ParsedBooklet:
    program: str
    lab: str | None
    tracks: list[ParsedTrack]
    concepts: list[ParsedConcept]
    experiments: list[ParsedExperiment]
    unplaced: list[Unplaced]
    resolved_labels: list[ResolvedLabel] = field(default_factory=list)
    theories: list[ParsedTheory] = field(default_factory=list)

    @property
    def program_slug(self) -> str:
        return danish_slugify(self.program)

    @property
    def lab_slug(self) -> str:
        return danish_slugify(self.lab or "")

    @property
    def unresolved_labels(self) -> list[ParsedExperiment]:
        """Experiments whose "Forsøgsspor:" names no track the booklet could settle."""
        return [e for e in self.experiments if e.track_spelling and not e.track]

    @property
    def institutions(self) -> list[str]:
        return sorted({e.institution for e in self.experiments if e.institution})

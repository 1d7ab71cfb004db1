"""Cleaned booklet text -> the dataclasses of parsed.py: program, tracks, concepts, experiments.

The booklet's layout: front matter (with the labs and their programs), an overview listing
each trial track ("Forsøgsspor: X") with its concepts ("Ledelses- og samarbejdskoncept: Y"),
then track chapters and concept chapters, then one chapter per experiment: a title, the
fields "Eksperiment:", "Program:", "Forsøgsspor:", "Eksperimentet har bidraget til ...", and
the sections (Udfordring, Transformativ hypotese, Aktioner, Fund, Konceptualiserbare
elementer, Opmærksomhedspunkter, Konceptets faser). The front matter also carries
the program's and the tracks' change-theory passages (theories.py). Anything the parser
cannot put in a field is returned as an `Unplaced` passage with its line number.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from django.utils.translation import gettext as _

from . import concept_chapters as concept_parser
from .cleaning import CleanText, Label, Line, clean
from .errors import BookletError
from .parsed import ParsedBooklet, ParsedConcept, ParsedExperiment, Unplaced
from .text import as_items, as_markdown, best_match, key, similarity
from .theories import parse_theories
from .tracks import chapter_tracks, resolve_spellings, resolve_unknown_labels, tracks_and_overview

EXPERIMENT_SECTIONS = {
    "challenge": ["Udfordring"],
    "hypothesis": ["Transformativ hypotese"],
    "actions": ["Aktioner", "Udgangspunkt for aktioner"],
    "findings": ["Fund"],
    "conceptualisable_elements": ["Konceptualiserbare elementer"],
    "attention_points": ["Opmærksomhedspunkter", "Opmærksomhedspunkt"],
    "concept_phases": ["Konceptets faser"],
}
LIST_SECTIONS = ("actions", "findings", "attention_points", "concept_phases")
FIELD_RE = re.compile(
    r"^(?:(?P<contributes>Eksperimentet har bidraget til)\??\s*"
    r"|(?P<label>Eksperiment|Program|Forsøgsspor):\s*)(?P<value>.*)$"
)
CHAPTER_RE = re.compile(r"^(Forsøgssporet for |DEL \d+:|Oversigt over forsøgsspor)", re.IGNORECASE)
IMPLEMENTED_RE = re.compile(
    r"\b(er|blev|er blevet|er nu) (implementeret|taget i brug|indført) (i|på) (drift|hele)",
    re.IGNORECASE,
)
HEADING_THRESHOLD = 0.88


@lru_cache(maxsize=4096)
def section_of(text: str) -> str | None:
    """The experiment section a heading line opens (tolerating misspellings)."""
    if len(text) > 40 or not text[:1].isupper():
        return None
    candidate = text.rstrip(": ")
    for name, headings in EXPERIMENT_SECTIONS.items():
        if any(similarity(candidate, h) >= HEADING_THRESHOLD for h in headings):
            return name
    return None


def keep_apart(text: str) -> bool:
    return bool(
        section_of(text)
        or FIELD_RE.match(text)
        or CHAPTER_RE.match(text)
        or concept_parser.heading_kind(text)
    )


def parse(raw: str) -> ParsedBooklet:
    cleaned = clean(raw, keep_apart=keep_apart)
    lines = cleaned.lines
    unplaced = [Unplaced(f.no, f.text, _("footnote")) for f in cleaned.footnotes]
    starts = [i for i, line in enumerate(lines) if line.text.startswith("Eksperiment:")]
    if not starts:
        raise BookletError(
            _("This does not look like an inspiration booklet: no experiments were found.")
        )
    experiments = [_experiment_head(lines, i) for i in starts]
    first_experiment = experiments[0].end  # reused below as the head's first index
    title_indices = [e.end for e in experiments]
    for index, experiment in enumerate(experiments):
        stop = title_indices[index + 1] if index + 1 < len(experiments) else len(lines)
        _experiment_body(experiment, lines, starts[index], stop, unplaced)
    _assign_institutions(experiments, title_indices, lines, cleaned, unplaced)

    program = _most_common([e.program for e in experiments if e.program])
    if not program:
        raise BookletError(_("The booklet does not name its program."))
    tracks, overview = tracks_and_overview(lines[:first_experiment])
    concepts, placed = concept_parser.parse_concepts(lines[:first_experiment], overview, unplaced)
    resolve_spellings(experiments, tracks)
    for experiment, chapter in zip(
        experiments, chapter_tracks(lines, title_indices, tracks, CHAPTER_RE), strict=True
    ):
        experiment.chapter_track = chapter
    _link_concepts(experiments, concepts, unplaced)
    resolved = resolve_unknown_labels(experiments, concepts, tracks)
    theories, taken, diagrams = parse_theories(lines[:first_experiment], tracks)
    _report_front_matter(
        lines[:first_experiment], placed | overview.indices | taken, unplaced, diagrams
    )
    unplaced.sort(key=lambda u: u.line)
    return ParsedBooklet(
        program=program,
        lab=_lab_of(lines, program),
        tracks=tracks,
        concepts=concepts,
        experiments=experiments,
        unplaced=unplaced,
        resolved_labels=resolved,
        theories=theories,
    )


def _experiment_head(lines: list[Line], start: int) -> ParsedExperiment:
    """Title (the line above the fields) and the fields; `end` holds the title's index."""
    title_index = start
    if start > 0 and not lines[start - 1].bullet and not FIELD_RE.match(lines[start - 1].text):
        title_index = start - 1
    experiment = ParsedExperiment(title="", line=lines[title_index].no, end=title_index)
    current = None
    values: dict[str, str] = {}
    for line in lines[start:]:
        match = FIELD_RE.match(line.text)
        if match:
            current = match["label"] or match["contributes"]
            values[current] = match["value"]
        elif current and not line.blank_before and not section_of(line.text):
            values[current] = f"{values[current]} {line.text}"
        else:
            break
    experiment.name_in_fields = values.get("Eksperiment", "").strip()
    title = lines[title_index].text if title_index < start else experiment.name_in_fields
    experiment.title = title.strip()
    experiment.program = values.get("Program", "").strip()
    experiment.track_spelling = values.get("Forsøgsspor", "").strip()
    experiment._contributes = values.get("Eksperimentet har bidraget til", "")  # type: ignore[attr-defined]
    return experiment


def _experiment_body(
    experiment: ParsedExperiment, lines: list[Line], start: int, stop: int, unplaced: list
) -> None:
    sections: dict[str, list[tuple[str, list[Line]]]] = {}
    current = None
    for line in lines[start:stop]:
        if FIELD_RE.match(line.text) or (current is None and not line.text.strip()):
            continue
        name = None if line.bullet else section_of(line.text)
        if name:
            current = name
            label = ""
            if key(line.text) == key("Udgangspunkt for aktioner"):
                label = line.text.rstrip(":") + ":"
            sections.setdefault(name, []).append((label, []))
            continue
        if current is None:
            if line.no != lines[start].no and not _is_field_tail(line):
                unplaced.append(Unplaced(line.no, line.text, _("experiment text before a section")))
            continue
        sections[current][-1][1].append(line)
    experiment.end = stop
    for name, chunks in sections.items():
        if name in LIST_SECTIONS:
            items = [item for label, chunk in chunks for item in as_items(chunk, label)]
            setattr(experiment, name, items)
        else:
            setattr(experiment, name, "\n\n".join(as_markdown(chunk) for _l, chunk in chunks))
    body = " ".join(line.text for line in lines[start:stop])
    if IMPLEMENTED_RE.search(body):
        experiment.phase = "implementation"


def _is_field_tail(line: Line) -> bool:
    return not line.blank_before and not line.bullet


def _assign_institutions(experiments, title_indices, lines, cleaned: CleanText, unplaced):
    """Labels inside an experiment's pages are its own; a label between two experiments
    belongs to the next one if it opens a page, else to the one whose page it closes."""
    footer_lines = [r.no for r in cleaned.removed if r.reason == "footer"]
    bounds = []
    for index, experiment in enumerate(experiments):
        first = lines[title_indices[index]].no
        last = lines[experiment.end - 1].no if experiment.end > 0 else first
        bounds.append((first, last))
    found: dict[int, list[Label]] = {}
    for label in cleaned.labels:
        owner = None
        for index, (first, last) in enumerate(bounds):
            if first <= label.no <= last:
                owner = index
            elif label.no < first and (index == 0 or label.no > bounds[index - 1][1]):
                previous_last = bounds[index - 1][1] if index else 0
                after_footer = any(previous_last < f < label.no for f in footer_lines)
                owner = index if (label.page_start or after_footer or index == 0) else index - 1
        if owner is None:
            unplaced.append(Unplaced(label.no, f"Institution: {label.name}", _("stray label")))
            continue
        found.setdefault(owner, []).append(label)
    for index, labels in found.items():
        names = Counter(label.name for label in labels)
        experiments[index].institution = names.most_common(1)[0][0]
        for name in names:
            if name != experiments[index].institution:
                line = next(label.no for label in labels if label.name == name)
                unplaced.append(Unplaced(line, f"Institution: {name}", _("conflicting label")))


def _link_concepts(experiments, concepts: list[ParsedConcept], unplaced) -> None:
    names = {c.title: concept_parser.names_of(c) for c in concepts}
    for experiment in experiments:
        text = experiment._contributes.strip(" ?.")  # type: ignore[attr-defined]
        for part in concept_parser.split_names(text, names):
            title = best_match(part, names, 0.8)
            if title is None:
                unplaced.append(Unplaced(experiment.line, part, _("unknown concept")))
                continue
            if title not in experiment.concepts:
                experiment.concepts.append(title)
            concept = next(c for c in concepts if c.title == title)
            if key(part) not in {key(n) for n in names[title]}:
                concept.aliases.append(part)
                names[title].append(part)
    concept_parser.link_sources(concepts, experiments, unplaced)


def _report_front_matter(
    lines: list[Line], placed: set[int], unplaced, diagrams: dict[int, int]
) -> None:
    """Every run of lines before the experiments that no concept, overview or change theory
    took; a change theory's diagram (first index -> index past the last) on its own."""
    run: list[Line] = []
    in_diagram = {i for start, end in diagrams.items() for i in range(start, end)}

    def flush():
        if run:
            excerpt = run[0].text[:80]
            unplaced.append(
                Unplaced(
                    run[0].no,
                    excerpt,
                    _("not imported (introduction, track chapter or change theory)"),
                    end_line=run[-1].no,
                )
            )
            run.clear()

    for index, line in enumerate(lines):
        if index in diagrams:
            flush()
            last = lines[diagrams[index] - 1]
            unplaced.append(
                Unplaced(
                    line.no,
                    line.text[:80],
                    _("change theory diagram (a figure: its words arrive without their places)"),
                    end_line=last.no,
                )
            )
        if index in placed or index in in_diagram:
            flush()
            continue
        if CHAPTER_RE.match(line.text):
            flush()
        run.append(line)
    flush()


def _lab_of(lines: list[Line], program: str) -> str | None:
    """The lab listed right under the program's "Program. X" bullet in the front matter."""
    for index, line in enumerate(lines):
        match = re.match(r"^Program\.\s*(.+)$", line.text)
        if not match or similarity(match[1], program) < 0.9:
            continue
        for following in lines[index + 1 : index + 6]:
            lab = re.match(r"^Udviklingslaboratori\w*\s+for\s*(.*)$", following.text)
            if lab:
                name = lab[1].strip()
                position = lines.index(following)
                if not name and position + 1 < len(lines):
                    name = lines[position + 1].text.strip()
                return name or None
    return None


def _most_common(values: list[str]) -> str:
    return Counter(values).most_common(1)[0][0] if values else ""

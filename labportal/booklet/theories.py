"""The change-theory passages of the booklet's front matter -> ParsedTheory.

What the text carries:

- the program: its ambition under "Hvad går programmet ... ud på?", its challenge under
  "Udfordringer, som programmet vil svare på";
- each track chapter ("Forsøgssporet for X"): its ambition, the text right under the heading
  (in some chapters under "Forsøgssporets indhold"), and its desired practice under "Ønske om
  ny forbedret praksis fra forandringsteori".

A passage ends at the next heading or chapter. A paragraph that a box on the next page breaks
off in mid-sentence ends it too: what follows is left to the report, not guessed at.

The change-theory diagrams are figures: on the page after "På næste side kan I se
forandringsteorien ...", their words (column titles, boxes) arrive as loose fragments in no
reliable order. They are returned as figures, to be reported as not placed, and never read.
"""

from __future__ import annotations

import re

from .cleaning import Line
from .parsed import ParsedTheory, ParsedTrack
from .text import as_markdown, looks_like_subheading
from .tracks import TRACK_CHAPTER_RE, track_named

PROGRAM_AMBITION_RE = re.compile(r"^Hvad går programmet\b.*\bud på\s*\??$", re.IGNORECASE)
PROGRAM_CHALLENGE_RE = re.compile(
    r"^Udfordringer?,? som programmet vil sv\w*(?: på)?\s*:?$", re.IGNORECASE
)
TRACK_CONTENT_RE = re.compile(r"^Forsøgssporets indhold\s*:?$", re.IGNORECASE)
DESIRED_PRACTICE_RE = re.compile(
    r"^Ønske om ny(?:t)? forbedret praksis(?: fra forandringsteori(?:en)?)?\s*:?$", re.IGNORECASE
)
EXAMPLES_RE = re.compile(r"^Eksempler på udforskning af praksis", re.IGNORECASE)
DIAGRAM_NEXT_RE = re.compile(r"^På næste side kan I se forandringsteorien", re.IGNORECASE)
BOUNDARY_RE = re.compile(
    r"^(Forsøgssporet for |DEL \d+:|Oversigt over forsøgsspor|Ledelses- og samarbejdskoncept:)",
    re.IGNORECASE,
)
HEADINGS = (
    PROGRAM_AMBITION_RE,
    PROGRAM_CHALLENGE_RE,
    TRACK_CONTENT_RE,
    DESIRED_PRACTICE_RE,
    EXAMPLES_RE,
    DIAGRAM_NEXT_RE,
)
SENTENCE_END = (".", "!", "?", ":", ";", "”", '"', "»")


def parse_theories(
    lines: list[Line], tracks: list[ParsedTrack]
) -> tuple[list[ParsedTheory], set[int], dict[int, int]]:
    """The theories the front matter `lines` describe, the indices of the lines they took,
    and the diagrams: first index -> index past the last."""
    theories: list[ParsedTheory] = []
    placed: set[int] = set()
    program = ParsedTheory(track=None, line=0)
    for index, line in enumerate(lines):
        for pattern, name in (
            (PROGRAM_AMBITION_RE, "ambition"),
            (PROGRAM_CHALLENGE_RE, "challenge"),
        ):
            if pattern.match(line.text) and not getattr(program, name):
                body = _passage(lines, index + 1)
                if body:
                    setattr(program, name, as_markdown([lines[i] for i in body]))
                    program.line = program.line or line.no
                    placed |= {index, *body}
    if program.ambition or program.challenge:
        theories.append(program)
    for index, line in enumerate(lines):
        match = TRACK_CHAPTER_RE.match(line.text.strip())
        track = track_named(match["track"], tracks) if match else None
        if track is not None:
            theory, taken = _track_chapter(lines, index, track)
            if taken:
                theories.append(theory)
                placed |= taken
    return theories, placed, _diagrams(lines)


def _track_chapter(lines: list[Line], start: int, track: str) -> tuple[ParsedTheory, set[int]]:
    theory = ParsedTheory(track=track, line=lines[start].no)
    taken: set[int] = set()
    index = start + 1
    if index < len(lines) and TRACK_CONTENT_RE.match(lines[index].text):
        taken.add(index)
        index += 1
    ambition = _passage(lines, index)
    if ambition:
        theory.ambition = as_markdown([lines[i] for i in ambition])
        taken |= set(ambition)
        index = ambition[-1] + 1
    if index < len(lines) and DESIRED_PRACTICE_RE.match(lines[index].text):
        desired = _passage(lines, index + 1)
        if desired:
            theory.desired_practice = as_markdown([lines[i] for i in desired])
            taken |= {index, *desired}
    if taken - {start + 1}:
        taken.add(start)
    else:
        taken.clear()
    return theory, taken


def _stops(line: Line) -> bool:
    text = line.text.strip()
    return bool(
        BOUNDARY_RE.match(text)
        or any(pattern.match(text) for pattern in HEADINGS)
        or (line.blank_before and not line.bullet and looks_like_subheading(text))
    )


def _passage(lines: list[Line], start: int) -> list[int]:
    """The indices of the passage from `start` to the next heading, less a paragraph broken
    off by a box at the top of the next page and everything after it."""
    end = start
    while end < len(lines) and not _stops(lines[end]):
        end += 1
    blocks: list[list[int]] = []
    for index in range(start, end):
        line = lines[index]
        if not blocks or line.bullet or line.blank_before or lines[index - 1].bullet:
            blocks.append([index])
        else:
            blocks[-1].append(index)
    kept: list[int] = []
    for number, block in enumerate(blocks):
        following = blocks[number + 1][0] if number + 1 < len(blocks) else None
        last = lines[block[-1]]
        broken = (
            following is not None
            and not last.bullet
            and lines[following].bullet
            and lines[following].page_start
            and not last.text.rstrip().endswith(SENTENCE_END)
        )
        if broken:
            break
        kept += block
    return kept


def _diagrams(lines: list[Line]) -> dict[int, int]:
    """Each diagram: from the first page after a "På næste side kan I se forandringsteorien"
    line up to the next chapter (none when the chapter ends first: a figure without text)."""
    found: dict[int, int] = {}
    for index, line in enumerate(lines):
        if not DIAGRAM_NEXT_RE.match(line.text):
            continue
        start = next(
            (
                i
                for i in range(index + 1, len(lines))
                if lines[i].page_start or BOUNDARY_RE.match(lines[i].text.strip())
            ),
            len(lines),
        )
        if start == len(lines) or BOUNDARY_RE.match(lines[start].text.strip()):
            continue
        end = next(
            (i for i in range(start, len(lines)) if BOUNDARY_RE.match(lines[i].text.strip())),
            len(lines),
        )
        found[start] = end
    return found

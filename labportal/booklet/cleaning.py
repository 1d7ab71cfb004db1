"""Repair text extracted from a booklet PDF, keeping every line's number for the report.

What goes wrong in extraction, and what this module does about it:

- running page footers ("Inspirationshæfte til arbejdet med ...", the publisher line) and page
  numbers on their own line or glued to the footer: removed;
- footnote lines ("2 Digmann, ...") and their markers glued to a word ("del-historier2"):
  removed, the footnote kept as a passage that could not be placed;
- "Institution: X" labels at the top or bottom of a page: removed from the text flow and kept
  apart (with their position) so the parser can give each experiment its institution;
- lines holding nothing but a bullet sign: removed;
- words hyphenated at a line end or across a page break: joined ("ledel-" + "se" -> "ledelse"),
  while a real suspended hyphen stays ("erhvervs-" + "og" -> "erhvervs- og");
- bullets and paragraphs split over lines or pages: a line that continues the previous one
  (it starts in lower case, or the bullet it follows has not ended) is joined to it.

The result is a list of `Line`s: one per logical line, with the number of the line it
started on in the input, whether it is a bullet, and whether a blank line came before it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

BULLET_CHARS = "•·⋅▪◦●‣∙"
_BULLET_RE = re.compile(rf"^[{BULLET_CHARS}]\s*")
_BULLET_ONLY_RE = re.compile(rf"^[{BULLET_CHARS}\s]*$")
_SPACED_CAPS_RE = re.compile(r"^(?:[A-ZÆØÅ] ){3,}[A-ZÆØÅ]$")
_FOOTER_RES = (
    re.compile(r"^Inspirationshæfte til arbejdet med\b.*?(\d{1,3})?$"),
    re.compile(r"^Det erhvervsrettede uddannelseslaboratorium$", re.IGNORECASE),
    re.compile(r"^\d{1,3}$"),
)
_INSTITUTION_RE = re.compile(r"^Institution:\s*(?P<name>.+?)\s*$")
_FOOTNOTE_RE = re.compile(r"^(?P<n>\d{1,2}) (?P<text>[A-ZÆØÅ][^.]{2,120})$")
_HYPHEN_END_RE = re.compile(r"[^\W\d_]-$")
_LOWER_START_RE = re.compile(r"^[’”‘\"']?[a-zæøå]")
SUSPENDED_HYPHEN_WORDS = frozenset({"og", "eller", "samt"})
# A bullet that starts with one of these and follows a bullet with no closing punctuation is
# the tail of that bullet, split by the extraction ("• Møde ..., hvor der arbejdes" / "• med").
_CONTINUATION_WORDS = frozenset({"med", "og", "af", "for", "til"})
_TERMINAL = (".", "!", "?", ":", ";", ",")


@dataclass
class Line:
    no: int  # 1-based number of the input line this logical line starts on
    text: str
    bullet: bool = False
    blank_before: bool = False
    page_start: bool = False  # the extraction marks a new page with a leading space


@dataclass(frozen=True)
class Label:
    """An "Institution: X" label found at the top or bottom of a page."""

    no: int
    name: str
    page_start: bool


@dataclass(frozen=True)
class Removed:
    no: int
    text: str
    reason: str


@dataclass
class CleanText:
    lines: list[Line]
    labels: list[Label] = field(default_factory=list)
    footnotes: list[Removed] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)

    def text(self) -> str:
        """The repaired text, one logical line per line (for reading and debugging)."""
        out = []
        for line in self.lines:
            if line.blank_before and out:
                out.append("")
            out.append(("• " if line.bullet else "") + line.text)
        return "\n".join(out)


def normalise(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\u00a0", " ").replace("\u00ad", "").replace("\t", " ")


def clean(raw: str, keep_apart: Callable[[str], bool] | None = None) -> CleanText:
    """Repair `raw`; `keep_apart(line)` says a line (a heading) never continues another."""
    physical = normalise(raw).split("\n")
    result = CleanText(lines=[])
    kept: list[tuple[int, str, bool]] = []  # (line number, stripped text, page_start); "" = blank
    footnote_numbers: list[tuple[int, str]] = []
    for index, original in enumerate(physical, start=1):
        text = " ".join(original.split())
        page_start = original.startswith(" ") and not original.startswith("  ") and bool(text)
        if not text or _BULLET_ONLY_RE.match(text) or _SPACED_CAPS_RE.match(text):
            if text:
                result.removed.append(Removed(index, text, "marker"))
            kept.append((index, "", False))
            continue
        if any(regex.match(text) for regex in _FOOTER_RES):
            result.removed.append(Removed(index, text, "footer"))
            continue
        if match := _INSTITUTION_RE.match(text):
            result.labels.append(Label(index, match["name"], page_start))
            continue
        if match := _FOOTNOTE_RE.match(text):
            result.footnotes.append(Removed(index, text, "footnote"))
            footnote_numbers.append((index, match["n"]))
            continue
        kept.append((index, text, page_start))

    kept = _strip_footnote_markers(kept, footnote_numbers)
    result.lines = _join(kept, keep_apart or (lambda _text: False))
    return result


def _strip_footnote_markers(kept, footnote_numbers):
    """Remove "word2" footnote markers in the page (~80 lines) above each footnote line."""
    if not footnote_numbers:
        return kept
    out = []
    for no, text, page_start in kept:
        for foot_no, n in footnote_numbers:
            if foot_no - 80 <= no < foot_no and text:
                text = re.sub(rf"(?<=[^\W_][)”.]|[^\W\d_]{{2}}){n}(?=[\s.,;:]|$)", "", text)
        out.append((no, text, page_start))
    return out


def _join(kept: list[tuple[int, str, bool]], keep_apart: Callable[[str], bool]) -> list[Line]:
    lines: list[Line] = []
    blank = False
    for no, text, page_start in kept:
        if not text:
            blank = True
            continue
        bullet = bool(_BULLET_RE.match(text))
        body = _BULLET_RE.sub("", text) if bullet else text
        previous = lines[-1] if lines else None
        if previous is not None and not keep_apart(body):
            if _joins_hyphenated(previous, body, bullet):
                blank = False
                continue
            if _continues(previous, body, bullet=bullet, blank=blank, page_start=page_start):
                previous.text = f"{previous.text} {body}"
                blank = False
                continue
        lines.append(Line(no, body, bullet=bullet, blank_before=blank, page_start=page_start))
        blank = False
    return _merge_sandwiched(lines, keep_apart)


def _joins_hyphenated(previous: Line, body: str, bullet: bool) -> bool:
    """Join "ledel-" + "se" into "ledelse"; keep a suspended hyphen ("erhvervs- og")."""
    if bullet or not _HYPHEN_END_RE.search(previous.text) or not _LOWER_START_RE.match(body):
        return False
    if body.split(" ", 1)[0] in SUSPENDED_HYPHEN_WORDS:
        previous.text = f"{previous.text} {body}"
    else:
        previous.text = previous.text[:-1] + body
    return True


def _continues(previous: Line, body: str, *, bullet: bool, blank: bool, page_start: bool) -> bool:
    """Whether `body` is the rest of the previous logical line rather than a new one."""
    if bullet:
        first = body.split(" ", 1)[0]
        return (
            previous.bullet
            and first in _CONTINUATION_WORDS
            and not previous.text.endswith(_TERMINAL)
        )
    if _LOWER_START_RE.match(body) or body.startswith(("- ", "(")):
        return True  # lower case, even after a blank line or a page break: the sentence goes on
    if previous.text.endswith(","):
        return True
    # "Deadline og krav ..." right under "... angivelse af:" finishes the bullet.
    return previous.bullet and not blank and not page_start


def _merge_sandwiched(lines: list[Line], keep_apart: Callable[[str], bool]) -> list[Line]:
    """A lone paragraph between two bullets, after a bullet that has not ended, is its tail."""
    out: list[Line] = []
    for index, line in enumerate(lines):
        previous = out[-1] if out else None
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            previous is not None
            and previous.bullet
            and not line.bullet
            and not previous.text.endswith((".", "!", "?", ":", ";"))
            and not line.text.endswith(":")
            and following is not None
            and following.bullet
            and not keep_apart(line.text)
        ):
            previous.text = f"{previous.text} {line.text}"
            continue
        out.append(line)
    return out

"""Text for the change-theory diagram: SVG does not wrap, so lines are broken here, by an
estimate of each character's width in IBM Plex Sans (the portal's font), a little generous so
that a fallback font fits too. Text too long for its box ends in an ellipsis."""

import re
import unicodedata
from functools import lru_cache

# Characters XML 1.0 does not allow (an SVG with one of them would not parse).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ELLIPSIS = "…"
HYPHEN = "-"

# Advance widths in em of IBM Plex Sans (the widest of its regular, bold and italic, rounded
# up to 0.05: a little generous, so a fallback font fits too).
CHAR_WIDTHS = {
    char: width
    for width, chars in (
        (0.25, " "),
        (0.3, "ij'’‘"),
        (0.35, "l.,;:!()[]"),
        (0.4, "ft·"),
        (0.45, "rI-•"),
        (0.5, '"?/'),
        (0.55, "csvyzL“”"),
        (0.6, "aeghknouxFJT0123456789øåéèüöä–+=«»§"),
        (0.65, "bdpqESVYZÉ*"),
        (0.7, "ABCDKPRUXÅÜÄ"),
        (0.75, "GHNOQØÖ&#"),
        (0.8, "—"),
        (0.85, "wM"),
        (0.9, "mæ…"),
        (0.95, "@"),
        (1.0, "WÆ%"),
    )
    for char in chars
}


# Wrapping


@lru_cache(maxsize=4096)
def _char_em(char: str) -> float:
    known = CHAR_WIDTHS.get(char)
    if known is not None:
        return known
    if unicodedata.east_asian_width(char) in ("W", "F"):  # CJK, emoji
        return 1.25
    return 0.7


def em_width(text: str) -> float:
    return sum(_char_em(c) for c in text)


def _split_word(word: str, limit: float) -> tuple[str, str]:
    """A word too long for a line: the longest head that fits with a hyphen, and the rest."""
    used = _char_em(HYPHEN)
    for index, char in enumerate(word):
        used += _char_em(char)
        if used > limit:
            cut = max(index, 1)
            return word[:cut] + HYPHEN, word[cut:]
    return word, ""


def _with_ellipsis(line: str, limit: float) -> str:
    while line and em_width(line) + _char_em(ELLIPSIS) > limit:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def clean(text) -> str:
    """One line of text: whitespace runs made single spaces, characters XML refuses dropped."""
    return " ".join(NOT_XML.sub(" ", str(text)).split())


def wrap(text: str, *, width: float, size: float, max_lines: int) -> list[str]:
    """The text broken into lines that fit `width` pixels at font size `size`, at most
    `max_lines` of them (the last ending in "…" when the text is longer). A line broken at
    a space keeps it at its end, so the lines read as the text to a screen reader. Cost
    grows with what fits, not with the text: the text is cut to what the lines could hold."""
    limit = width / size
    capacity = int(max_lines * limit / _char_em(" ")) + 1
    cut = len(text) > capacity
    words = clean(text[:capacity]).split(" ")
    lines: list[str] = []
    line = ""
    for word in words:
        if not word:
            continue
        candidate = f"{line} {word}" if line else word
        if em_width(candidate) <= limit:
            line = candidate
            continue
        if line:
            lines.append(f"{line} ")
        while em_width(word) > limit and len(lines) <= max_lines:
            head, word = _split_word(word, limit)
            lines.append(head)
        line = word
        if len(lines) > max_lines:
            break
    if line:
        lines.append(line)
    if len(lines) > max_lines or (cut and lines):
        lines = lines[:max_lines]
        lines[-1] = _with_ellipsis(lines[-1].removesuffix(HYPHEN), limit)
    return lines

"""Small text helpers shared by the booklet parser: name matching and Markdown rendering."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from .cleaning import Line

_NON_WORD = re.compile(r"[^0-9a-zæøåäöü]+")
_SHORT_NAME = re.compile(r"\(([^()]+)\)\s*$")
LEAD_IN_MAX_WORDS = 5


def key(name: str) -> str:
    """A spelling-tolerant key: lower case, letters and digits only."""
    return _NON_WORD.sub("", name.lower())


def short_name(title: str) -> str | None:
    """The short name a heading ends with in parentheses: "... model (TIFS-model)"."""
    match = _SHORT_NAME.search(title)
    return (match[1].strip() or None) if match else None


@lru_cache(maxsize=4096)
def similarity(a: str, b: str) -> float:
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    ratio = SequenceMatcher(None, ka, kb).ratio()
    shorter, longer = sorted((ka, kb), key=len)
    if len(shorter) >= 10 and longer.startswith(shorter):
        ratio = max(ratio, 0.9)
    return ratio


def best_match(name: str, candidates: dict[str, list[str]], threshold: float) -> str | None:
    """The candidate id whose names resemble `name` most, if at least `threshold`."""
    best, best_score = None, threshold
    for ident, names in candidates.items():
        score = max((similarity(name, n) for n in names), default=0.0)
        if score > best_score or (score == best_score and best is None):
            best, best_score = ident, score
    return best


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.lower(), b.lower(), strict=False):
        if x != y:
            break
        n += 1
    return n


def paragraphs(lines: list[Line], *, subheadings: bool = False) -> list[tuple[bool, str, int]]:
    """Group logical lines into (is_bullet, text, line number) blocks.

    With `subheadings`, a short title-like line stays a block of its own ("Netværkets opgave").
    """
    blocks: list[tuple[bool, str, int]] = []
    single = False
    for line in lines:
        if line.bullet:
            blocks.append((True, line.text, line.no))
            single = False
        elif (
            blocks
            and not blocks[-1][0]
            and not line.blank_before
            and not (subheadings and single and looks_like_subheading(blocks[-1][1]))
            and not (subheadings and looks_like_subheading(line.text) and line.page_start)
        ):
            bullet, text, no = blocks[-1]
            blocks[-1] = (bullet, f"{text} {line.text}", no)
            single = False
        else:
            blocks.append((False, line.text, line.no))
            single = True
    return blocks


def is_lead_in(text: str) -> bool:
    return text.endswith(":") and len(text.split()) <= LEAD_IN_MAX_WORDS


def as_items(lines: list[Line], label: str = "") -> list[str]:
    """A list section: one item per bullet or paragraph.

    A short lead-in such as "Workshop 1:" is put in front of the bullets it introduces.
    """
    items: list[str] = []
    pending = label
    pending_used = True
    for bullet, text, _no in paragraphs(lines):
        if bullet:
            items.append(f"{pending} {text}" if pending else text)
            pending_used = True
            continue
        if pending and not pending_used:
            items.append(pending)
        if is_lead_in(text):
            pending, pending_used = text, False
        else:
            items.append(text)
            pending, pending_used = "", True
    if pending and not pending_used:
        items.append(pending)
    return [tidy(item) for item in items]


def as_markdown(lines: list[Line], *, subheadings: bool = False) -> str:
    """A text section: paragraphs, and bullets as a Markdown list."""
    out: list[str] = []
    blocks = paragraphs(lines, subheadings=subheadings)
    for index, (bullet, text, _no) in enumerate(blocks):
        text = tidy(text)
        if bullet:
            if out and not out[-1].startswith("- "):
                out.append("")
            out.append(f"- {escape(text)}")
            continue
        if out:
            out.append("")
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if subheadings and following is not None and looks_like_subheading(text):
            out.append(f"**{escape(text)}**")
        else:
            out.append(escape(text))
    return "\n".join(out).strip()


def looks_like_subheading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 7
        and len(text) <= 60
        and text[0].isupper()
        and not text.endswith((".", ",", ":", ";", "!", "?", "”"))
    )


def escape(text: str) -> str:
    """Keep Markdown from reading booklet text as markup (a leading "1." or "#", "*")."""
    text = text.replace("*", r"\*").replace("_", r"\_")
    return re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", re.sub(r"^([#>+-])", r"\\\1", text))


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", text)

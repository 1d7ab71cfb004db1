"""User Markdown to safe HTML: rendered with markdown-it-py (CommonMark and tables), then
cleaned by nh3 (ammonia).

markdown-it-py's cost grows linearly with the text, also for hostile input: Python-Markdown,
used before, parsed a run of "[" in quadratic time (16,000 characters took a minute), so one
saved summary could hold a server's threads.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from .sized_lru import SizedLRU

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "a",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


# Raw HTML passes the parser and nh3 then keeps only the allowed tags (a <script> goes with
# its content). A parser holds no state between calls, so one serves every thread.
_parser = MarkdownIt("commonmark", {"html": True}).enable("table")
CACHED_UP_TO = 20_000  # characters: longer texts are rendered each time, not kept
# Characters of text and HTML kept per process, all entries together: 8 MB of memory for
# Danish text (Python keeps æ, ø and å in one byte each), up to twice that for texts with
# curly quotes or dashes (two bytes per character).
CACHE_MAX_CHARS = 8_000_000


def render_markdown(text: str | None) -> SafeString:
    if not text:
        return mark_safe("")
    text = str(text)
    return _cached(text) if len(text) <= CACHED_UP_TO else _render(text)


def _render(text: str) -> SafeString:
    html = _parser.render(text).strip()
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 above


# A pure function of the text, so pages shown again reuse the sanitised HTML; the least
# recently shown texts give way once texts and their HTML pass CACHE_MAX_CHARS together.
_cached = SizedLRU(
    _render, max_size=CACHE_MAX_CHARS, size_of=lambda text, html: len(text) + len(html)
)

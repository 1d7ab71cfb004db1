"""A program's inspiration booklet, stitched from each app's `booklet_pdf` part
(labportal/core/parts.py), in this order: cover, contents, the program's sections, per track
its sections, then the experiments.

A part's `SECTIONS` is a list of `Section`s; `where` says what its context function takes:
"program" and "experiments" take the program, "track" takes one track. The function returns
the template's context, or None when the part has nothing to show. Within one place sections
come by `order`. A part reads all it needs with a fixed number of queries (prefetching), so the
booklet costs the same number of queries for 20 experiments as for 200.

The contents lists every <h1>/<h2> with an id and the class "toc", with the page it lands on.
The labels the booklet importer reads ("Eksperiment:", "Forsøgsspor:", ...) are the booklet
format's own words, in Danish whatever the language, so a booklet imports back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Literal

from django.apps import apps
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from labportal.core.parts import app_parts
from labportal.jobs.files import atomic_output

from .rendering import PdfResult, render_pdf

Where = Literal["program", "track", "experiments"]
TOC_RE = re.compile(r'<h([12]) id="([^"]+)" class="toc"[^>]*>(.*?)</h\1>', re.DOTALL)


@dataclass(frozen=True)
class Section:
    order: int
    where: Where
    template: str
    context: Callable[..., dict | None]


class BookletNotFound(LookupError):
    pass


def sections(where: Where) -> list[Section]:
    found = [s for part in app_parts("booklet_pdf") for s in getattr(part, "SECTIONS", ())]
    return sorted((s for s in found if s.where == where), key=lambda s: s.order)


def _render(section: Section, subject) -> str:
    context = section.context(subject)
    return "" if context is None else render_to_string(section.template, context)


# The running header, in the booklet format's words: the importer drops it from every page.
RUNNING_HEADER = "Inspirationshæfte til arbejdet med {program}"


def booklet_title(program) -> str:
    return RUNNING_HEADER.format(program=program.title[:1].lower() + program.title[1:])


def booklet_html(program) -> str:
    """The whole booklet as one HTML document."""
    tracks = list(program.tracks.order_by("title"))
    body = [_render(s, program) for s in sections("program")]
    for track in tracks:
        body.extend(_render(s, track) for s in sections("track"))
    body.extend(_render(s, program) for s in sections("experiments"))
    html = "\n".join(part for part in body if part)
    contents = [
        {"level": int(level), "id": anchor, "title": unescape(strip_tags(text)).strip()}
        for level, anchor, text in TOC_RE.findall(html)
    ]
    return render_to_string(
        "pdf/booklet.html",
        {
            "program": program,
            "title": booklet_title(program),
            "contents": contents,
            "body": mark_safe(html),  # noqa: S308 - rendered by the parts' escaping templates
            "today": timezone.localdate(),
        },
    )


def program_by_slug(slug: str):
    program_model = apps.get_model("organisation", "Program")
    program = program_model.objects.select_related("lab").filter(slug=slug).first()
    if program is None:
        raise BookletNotFound(_("No program has the slug “%(slug)s”.") % {"slug": slug})
    return program


def build_booklet(slug: str, *, lang: str = "da") -> PdfResult:
    """The booklet PDF of the program `slug`; raises BookletNotFound."""
    with translation.override(lang):
        program = program_by_slug(slug)
        html = booklet_html(program)
        return render_pdf(html, title=booklet_title(program), lang=lang)


def write_booklet(slug: str, output: Path, *, lang: str = "da") -> PdfResult:
    """Build the booklet and write it to `output` whole or not at all."""
    result = build_booklet(slug, lang=lang)
    with atomic_output(Path(output)) as handle:
        handle.write(result.pdf)
    return result

"""Inspiration booklet import: text repair, parsing, and stitching the apps' parts together.

This package is below the apps: it imports none of them. It reads the booklet into plain
dataclasses, and each app writes its own passages (its `booklet.py`, see
`labportal.core.parts`).

Public functions (keyword-only):

- `booklet_import(text=..., program_slug=None, dry_run=False, by=None, progress=None)`
  -> BookletReport (importer.py): every app's part in one transaction; the report lists
  passages that could not be placed and track labels resolved as aliases (report.py);
- `parse_booklet(text)` -> ParsedBooklet, plain dataclasses, no database (parser.py,
  parsed.py; the change theories' passages: theories.py);
- `read_booklet_bytes(data, filename)` -> str, from the bytes of a .txt or .pdf (pdf.py);
- `BookletError`: bad input, with a translated `message`.

For the parts: `BookletContext` (context.py) is what they share, `booklet_save` (saving.py)
how they write, `text.key` and `text.short_name` how they compare names.
"""

from .context import BookletContext
from .errors import BookletError
from .importer import booklet_import
from .parsed import ParsedBooklet
from .parser import parse as parse_booklet
from .pdf import extract_pdf_text, read_booklet_bytes
from .report import KINDS, LABEL_SOURCES, BookletReport
from .saving import booklet_save

__all__ = [
    "KINDS",
    "LABEL_SOURCES",
    "BookletContext",
    "BookletError",
    "BookletReport",
    "ParsedBooklet",
    "booklet_import",
    "booklet_save",
    "extract_pdf_text",
    "parse_booklet",
    "read_booklet_bytes",
]

"""Inspiration booklet import: text repair, parsing, and writing into the portal.

Public functions (keyword-only):

- `booklet_import(text=..., program_slug=None, dry_run=False, by=None, progress=None)`
  -> ImportReport (importer.py);
  existing objects are matched by slug, name, track alias or concept spelling (matching.py);
  the report lists passages it could not place and track labels resolved as aliases
  (report.py, tracks.py);
- `parse_booklet(text)` -> ParsedBooklet, plain dataclasses, no database (parser.py);
- `read_booklet_bytes(data, filename)` -> str, from the bytes of a .txt or .pdf (pdf.py);
- `BookletError`: bad input, with a translated `message`.
"""

from .errors import BookletError
from .importer import ImportReport, booklet_import
from .parser import ParsedBooklet
from .parser import parse as parse_booklet
from .pdf import extract_pdf_text, read_booklet_bytes

__all__ = [
    "BookletError",
    "ImportReport",
    "ParsedBooklet",
    "booklet_import",
    "extract_pdf_text",
    "parse_booklet",
    "read_booklet_bytes",
]

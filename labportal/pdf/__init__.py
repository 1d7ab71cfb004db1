"""PDFs of the portal, rendered by WeasyPrint: `render_pdf` (rendering.py) turns a page of
HTML into a PDF that fetches nothing but the portal's own static and media files; booklet.py
stitches a program's inspiration booklet from each app's `booklet_pdf` part.

Imports no app. WeasyPrint is imported inside the rendering code (STYLE.md)."""

from .rendering import PdfResult, render_pdf

__all__ = ["PdfResult", "render_pdf"]

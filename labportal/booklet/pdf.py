"""Text out of a booklet PDF (pypdf, imported only when a PDF arrives)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from .errors import BookletError

PDF_MAGIC = b"%PDF-"


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def extract_pdf_text(data: bytes) -> str:
    """The text of every page, pages separated by a line break; raises BookletError when the
    bytes are not a readable PDF or the PDF holds no text (a scan, blank pages)."""
    if not is_pdf(data):
        raise BookletError(_("The file is not a PDF."))
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as error:  # pragma: no cover - pypdf is a dependency
        raise BookletError(_("PDF support is not installed.")) from error
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise BookletError(_("The PDF could not be read: %(error)s") % {"error": error}) from error
    text = "\n".join(pages)
    if not text.strip():
        raise BookletError(_("The PDF contains no text (it may be scanned images)."))
    return text


def decode_text(data: bytes) -> str:
    """A text file as str; raises BookletError for binary data or an unknown encoding."""
    if not data.strip():
        raise BookletError(_("The file is empty."))
    if b"\x00" in data[:4096]:
        raise BookletError(_("The file is not text: it looks like binary data."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252" and _control_ratio(text) > 0.01:
            break
        return text
    raise BookletError(_("The file is not text in a known encoding."))


def read_booklet_bytes(data: bytes, filename: str = "") -> str:
    """Booklet text from the bytes of a .txt or .pdf file (decided by content, then name)."""
    if not data.strip():
        raise BookletError(_("The file is empty."))
    if is_pdf(data) or filename.lower().endswith(".pdf"):
        return extract_pdf_text(data)
    return decode_text(data)


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(text), 1)

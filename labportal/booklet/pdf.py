"""Text out of a booklet PDF (pypdf, imported only when a PDF arrives)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from .errors import BookletError

PDF_MAGIC = b"%PDF-"
# A booklet is a few dozen pages and well under a megabyte of text. Beyond these a PDF is
# refused (a hostile one can inflate a small file into hundreds of megabytes, or make the
# text extraction run for minutes).
MAX_PAGES = 400
MAX_TEXT_CHARACTERS = 3_000_000
MAX_STREAM_BYTES = 20_000_000  # one decompressed stream; pypdf's own default is 75 MB
PYPDF_STREAM_LIMITS = (  # pypdf's Configuration fields that bound a decoded stream
    "maximum_declared_stream_length",
    "array_based_stream_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "zlib_maximum_output_length",
    "brotli_maximum_output_length",
)


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def extract_pdf_text(data: bytes) -> str:
    """The text of every page, pages separated by a line break; raises BookletError when the
    bytes are not a readable PDF, are encrypted, exceed the limits above, or hold no text (a
    scan, blank pages)."""
    if not is_pdf(data):
        raise BookletError(_("The file is not a PDF."))
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    limits = dict.fromkeys(PYPDF_STREAM_LIMITS, MAX_STREAM_BYTES)
    try:
        with apply_configuration(**limits):
            return _text_of(PdfReader(io.BytesIO(data)))
    except LimitReachedError as error:
        raise BookletError(_("The PDF holds a part too large to read: refused.")) from error
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise BookletError(_("The PDF could not be read: %(error)s") % {"error": error}) from error


def _text_of(reader) -> str:
    """The pages' text within the limits (pypdf's own limits hold while it runs)."""
    if reader.is_encrypted:
        raise BookletError(
            _("The PDF is encrypted (password-protected): save it without a password.")
        )
    if len(reader.pages) > MAX_PAGES:
        raise BookletError(
            _("The PDF has more than %(pages)d pages: it is not a booklet.") % {"pages": MAX_PAGES}
        )
    text, size = [], 0
    for page in reader.pages:
        # Decoded here, where pypdf's limits raise; extract_text would swallow the error
        # and read an empty page (it reuses the decoded stream).
        contents = page.get_contents()
        if contents is not None:
            contents.get_data()
        text.append(page.extract_text() or "")
        size += len(text[-1])
        if size > MAX_TEXT_CHARACTERS:
            raise BookletError(_("The PDF holds far more text than a booklet: refused."))
    joined = "\n".join(text)
    if not joined.strip():
        raise BookletError(_("The PDF contains no text (it may be scanned images)."))
    return joined


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

"""HTML -> PDF with WeasyPrint, offline: a URL fetcher that serves only the portal's static
and media files (a remote image becomes a warning, never a request), fonts from the vendored
IBM Plex (static/pdf/print.css), the title and language in the PDF's metadata, PDF/UA-1
(tagged) when the installed WeasyPrint offers it, and WeasyPrint's warnings in the result.
"""

from __future__ import annotations

import logging
import mimetypes
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils._os import safe_join
from django.utils.translation import gettext as _

PDF_VARIANT = "pdf/ua-1"
_LOCK = threading.Lock()  # WeasyPrint's logger is global: one collector at a time


@dataclass
class PdfResult:
    pdf: bytes
    warnings: list[str] = field(default_factory=list)
    pages: int = 0


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def local_file(url: str, base_url: str) -> Path | None:
    """The file a static or media URL (absolute under `base_url`, or a bare path) names."""
    parts = urlsplit(url)
    base = urlsplit(base_url)
    if parts.scheme and (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    path = unquote(parts.path)
    for prefix, find in (
        (settings.STATIC_URL, _static_file),
        (settings.MEDIA_URL, _media_file),
    ):
        if prefix and path.startswith(prefix):
            return find(path.removeprefix(prefix))
    return None


def _static_file(name: str) -> Path | None:
    try:
        collected = Path(safe_join(str(settings.STATIC_ROOT), name))
    except SuspiciousFileOperation:  # a path out of the root
        return None
    if collected.is_file():
        return collected
    found = finders.find(name)
    return Path(found) if isinstance(found, str) else None


def _media_file(name: str) -> Path | None:
    try:
        path = Path(safe_join(str(settings.MEDIA_ROOT), name))
    except SuspiciousFileOperation:  # a path out of the root
        return None
    return path if path.is_file() else None


def _fetcher(base_url: str):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        """Static and media files and data: URLs; any other URL is refused unopened."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = local_file(url, base_url)
            if path is None:
                raise ValueError(
                    _("Only the portal's own files are used in a PDF: %(url)s") % {"url": url}
                )
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return LocalOnlyFetcher(allowed_protocols={"data", "http", "https"})


def render_pdf(
    html: str, *, title: str, lang: str = "da", base_url: str | None = None
) -> PdfResult:
    """The PDF of `html` (its stylesheets linked under STATIC_URL); `title` and `lang` go into
    the metadata. Every heading becomes a bookmark (WeasyPrint's default for h1-h6)."""
    import weasyprint
    from weasyprint.pdf import VARIANTS

    base_url = base_url or settings.PORTAL_BASE_URL.rstrip("/") + "/"
    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    options = {"pdf_variant": PDF_VARIANT} if PDF_VARIANT in VARIANTS else {}
    with _LOCK:
        logger.addHandler(collector)
        try:
            document = weasyprint.HTML(
                string=html, base_url=base_url, url_fetcher=_fetcher(base_url)
            ).render()
            document.metadata.title = title
            document.metadata.lang = lang
            pdf = document.write_pdf(**options)
        finally:
            logger.removeHandler(collector)
    return PdfResult(pdf=pdf, warnings=collector.messages, pages=len(document.pages))

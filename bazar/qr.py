"""QR codes of the booths' pages, for the signs at the booths: inline SVG (as
experiments/fact_sheet.py draws them) and a standalone SVG file to download."""

import io

import segno
from django.conf import settings
from django.utils.safestring import mark_safe

from .models import Booth

DARK = "#002e5f"


def booth_url(booth: Booth) -> str:
    """The absolute address of the booth's page, as visitors' phones open it."""
    return settings.PORTAL_BASE_URL.rstrip("/") + booth.get_absolute_url()


def _code(url: str) -> segno.QRCode:
    return segno.make(url, error="m")


def qr_svg(url: str, *, title: str = "") -> str:
    """The code as an inline <svg> that scales with its box (no fixed width/height)."""
    svg = _code(url).svg_inline(
        scale=10, dark=DARK, omitsize=True, title=title or None, svgclass="booth-qr-code"
    )
    return mark_safe(svg)  # noqa: S308 - segno draws paths only; the title is escaped by segno


def qr_svg_file(url: str) -> bytes:
    """The code as an SVG document (image/svg+xml) to download and print large."""
    out = io.BytesIO()
    _code(url).save(out, kind="svg", scale=20, dark=DARK, xmldecl=True)
    return out.getvalue()

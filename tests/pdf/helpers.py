"""Reading the PDFs the tests make: pages, their text (poppler's pdftotext), the demo."""

import io
import shutil
import subprocess

from django.core.management import call_command
from pypdf import PdfReader

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"  # poppler-utils
DEMO_PROGRAM = "nye-ledelses-og-samarbejdsformer"


def load_demo() -> None:
    call_command("demo", "--no-serve", stdout=io.StringIO())


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text as laid out (pdftotext -layout), first page first."""
    text = subprocess.run(  # noqa: S603 - poppler's tool, our own arguments
        [PDFTOTEXT, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return text.split("\f")[: page_count(pdf)]


def squeeze(text: str) -> str:
    """Whitespace and soft hyphens normalised, for comparing text across layouts."""
    return " ".join(text.replace("\u00ad", "").split())

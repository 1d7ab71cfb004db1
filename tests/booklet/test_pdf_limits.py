"""Booklet PDFs that are hostile or broken are refused with a clear message, never a crash."""

import io
import zlib

import pytest
from pypdf import PdfWriter

from labportal.booklet import pdf
from labportal.booklet.errors import BookletError

from .pdfs import pdf_of, text_pdf


def pdf_with_stream(content: bytes) -> bytes:
    """A one-page PDF whose content stream is `content`, Flate-compressed."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return pdf_of(objects)


def test_a_readable_booklet_pdf_still_reads():
    assert "Mødekultur" in pdf.extract_pdf_text(text_pdf(["Mødekultur", "Teamledelse"]))


def test_an_encrypted_pdf_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("hemmelig")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(BookletError, match="encrypted"):
        pdf.extract_pdf_text(out.getvalue())


def test_a_stream_that_inflates_beyond_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_STREAM_BYTES", 1_000_000)
    bomb = pdf_with_stream(b" " * 5_000_000)  # 5 MB of spaces, ~5 kB compressed
    assert len(bomb) < 20_000
    with pytest.raises(BookletError, match="too large"):
        pdf.extract_pdf_text(bomb)


def test_too_many_pages_are_refused(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    with pytest.raises(BookletError, match="more than 2 pages"):
        pdf.extract_pdf_text(text_pdf([f"Linje {n}" for n in range(200)]))  # 4 pages


def test_too_much_text_is_refused(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_TEXT_CHARACTERS", 100)
    with pytest.raises(BookletError, match="far more text"):
        pdf.extract_pdf_text(text_pdf([f"En ganske almindelig linje {n}" for n in range(60)]))


def test_a_broken_pdf_is_refused():
    with pytest.raises(BookletError, match="could not be read"):
        pdf.extract_pdf_text(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n")

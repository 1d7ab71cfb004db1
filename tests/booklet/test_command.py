"""manage.py import_booklet: summary output, and bad input answered with CommandError."""

import io
import os
import re

import pytest
from django.core.management import CommandError, call_command

from experiments.models import Experiment
from labportal.organisation.models import Program, Track

pytestmark = pytest.mark.django_db


def run(path, *args) -> str:
    out = io.StringIO()
    call_command("import_booklet", str(path), *args, stdout=out)
    return out.getvalue()


def nothing_written():
    return Experiment.objects.count() == Program.objects.count() == Track.objects.count() == 0


def test_import_prints_counts_and_unplaced_passages(booklet_path):
    output = run(booklet_path)
    assert re.search(r"^Experiments\s+22\s+0\s+0$", output, re.MULTILINE)
    assert "line 3167 (unknown track spelling): Forsøgsspor: Vidensbaseret ledelsesform" in output
    assert Experiment.objects.count() == 22
    again = run(booklet_path)
    assert re.search(r"^Experiments\s+0\s+0\s+22$", again, re.MULTILINE)


def test_dry_run_prints_and_writes_nothing(booklet_path):
    output = run(booklet_path, "--dry-run")
    assert output.startswith("Dry run: nothing was written.")
    assert re.search(r"^Concepts\s+6\s+0\s+0$", output, re.MULTILINE)
    assert nothing_written()


def test_pdf_of_the_booklet_is_read(tmp_path, booklet_text):
    from tests.booklet.pdfs import text_pdf

    path = tmp_path / "booklet.pdf"
    path.write_bytes(text_pdf(booklet_text.split("\n")[1990:2130]))
    output = run(path, "--dry-run")
    assert re.search(r"^Experiments\s+2\s+0\s+0$", output, re.MULTILINE)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "The file is empty."),
        ("random.pdf", os.urandom(4096).replace(b"%PDF", b"xxxx"), "The file is not a PDF."),
        ("binary.txt", b"\x00\x01\x02" * 100, "The file is not text"),
        ("notes.txt", "Indkøbsliste\n\nMælk\nBrød\n".encode(), "does not look like an inspiration"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path)
    assert nothing_written()


def test_a_pdf_without_text_is_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(CommandError, match="The PDF contains no text"):
        run(path)
    assert nothing_written()


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "nowhere.txt")

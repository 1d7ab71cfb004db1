"""manage.py build_booklet: writes the PDF whole, and answers bad input with CommandError."""

import io
import os

import pytest
from django.core.management import CommandError, call_command

from tests.factories import ExperimentFactory

from .helpers import page_count

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def build(program: str, output) -> str:
    out = io.StringIO()
    call_command("build_booklet", "--program", program, "--output", str(output), stdout=out)
    return out.getvalue()


def test_writes_the_booklet_and_no_partial_file(tmp_path):
    experiment = ExperimentFactory(title="Et lille eksperiment")
    output = tmp_path / "hæfte.pdf"
    printed = build(experiment.program.slug, output)
    assert printed.startswith(f"Wrote {output} (")
    assert page_count(output.read_bytes()) >= 3  # cover, contents, the experiment
    assert os.listdir(tmp_path) == ["hæfte.pdf"]


def test_an_unknown_program_is_an_error(tmp_path):
    # Looked up in the booklet's language (Danish unless --lang says otherwise).
    with pytest.raises(CommandError, match="Intet program har adressen “findes-ikke”"):
        build("findes-ikke", tmp_path / "x.pdf")
    assert os.listdir(tmp_path) == []


def test_a_missing_folder_is_an_error(tmp_path):
    experiment = ExperimentFactory()
    with pytest.raises(CommandError, match="no such folder"):
        build(experiment.program.slug, tmp_path / "mangler" / "x.pdf")


def test_a_folder_in_place_of_the_file_is_an_error_and_leaves_nothing(tmp_path):
    experiment = ExperimentFactory()
    (tmp_path / "x.pdf").mkdir()
    with pytest.raises(CommandError, match="it is a folder"):
        build(experiment.program.slug, tmp_path / "x.pdf")
    assert os.listdir(tmp_path) == ["x.pdf"]


def test_a_write_that_fails_is_an_error_and_leaves_nothing(tmp_path):
    experiment = ExperimentFactory()
    with pytest.raises(CommandError, match="File name too long"):
        build(experiment.program.slug, tmp_path / ("x" * 300 + ".pdf"))
    assert os.listdir(tmp_path) == []

"""The booklet build_booklet writes imports back through import_booklet into an empty
portal: the same experiments, with their tracks, institutions and sections: the demo's, and
the real booklet's after it was imported (skipped, with the reason, without the booklet)."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection

from experiments.models import Experiment

from .helpers import DEMO_PROGRAM, load_demo, squeeze

pytestmark = pytest.mark.django_db

TEXT_SECTIONS = ("challenge", "hypothesis", "conceptualisable_elements")
LIST_SECTIONS = ("actions", "findings", "attention_points", "concept_phases")


def loose(text: str) -> str:
    """Text without spaces and hyphens: a word that the PDF breaks at its own hyphen or slash
    at a line's end ("tvær-" / "faglighed") reads back ambiguously from the PDF's text."""
    return re.sub(r"[\s\-]", "", text)


def snapshot(norm=squeeze) -> dict:
    found = {}
    for e in Experiment.objects.select_related("track", "institution"):
        found[e.title] = {
            "track": e.track.title if e.track else None,
            "institution": e.institution.name if e.institution else None,
            **{name: norm(getattr(e, name)) for name in TEXT_SECTIONS},
            **{name: [norm(i) for i in getattr(e, name)] for name in LIST_SECTIONS},
        }
    return found


def empty_the_portal() -> None:
    """Every table emptied inside the test's transaction (rolled back after it)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # fire the pending checks first
    call_command("flush", "--no-input", verbosity=0)


def test_the_demo_booklet_imports_back_into_an_empty_portal(tmp_path):
    load_demo()
    before = snapshot()
    output = tmp_path / "booklet.pdf"
    call_command(
        "build_booklet", "--program", DEMO_PROGRAM, "--output", str(output), stdout=io.StringIO()
    )
    empty_the_portal()
    assert Experiment.objects.count() == 0

    call_command("import_booklet", str(output), stdout=io.StringIO())

    after = snapshot()
    assert sorted(after) == sorted(before)
    for title, fields in before.items():
        assert after[title] == fields, title


def test_the_real_booklet_imported_then_built_imports_back_the_same(booklet_path, tmp_path):
    call_command("import_booklet", str(booklet_path), stdout=io.StringIO())
    assert Experiment.objects.count() == 22
    before = snapshot(loose)
    program = Experiment.objects.values_list("program__slug", flat=True).first()
    output = tmp_path / "booklet.pdf"
    call_command(
        "build_booklet", "--program", program, "--output", str(output), stdout=io.StringIO()
    )
    empty_the_portal()

    call_command("import_booklet", str(output), stdout=io.StringIO())

    after = snapshot(loose)
    assert sorted(after) == sorted(before)
    for title, fields in before.items():
        assert after[title] == fields, title

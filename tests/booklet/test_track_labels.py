"""A track label that names none of the booklet's tracks: the parser resolves it from the
concepts the experiment contributed to, else from the track chapter it stands in; the command
prints it as an alias. (Recording it, and the portal's aliases: tests/organisation.)"""

import io

import pytest
from django.core.management import call_command

from labportal.booklet import parse_booklet
from tests.booklet.mini import ALFA, BETA, MINI_BOOKLET, MOEDER_LINE, SPARRING_LINE

pytestmark = pytest.mark.django_db


def test_parser_resolves_from_concepts_before_the_chapter():
    parsed = parse_booklet(MINI_BOOKLET)
    found = {e.title: (e.track, e.chapter_track) for e in parsed.experiments}
    assert found == {"Sparring på holdet": (ALFA, BETA), "Møder på tværs": (BETA, BETA)}
    resolved = [(r.line, r.label, r.track, r.source) for r in parsed.resolved_labels]
    assert resolved == [
        (SPARRING_LINE, "Gammabaseret ledelsesform", ALFA, "concepts"),
        (MOEDER_LINE, "Deltaform", BETA, "chapter"),
    ]
    assert parsed.unresolved_labels == []


def test_the_command_prints_resolved_aliases(tmp_path):
    path = tmp_path / "mini.txt"
    path.write_text(MINI_BOOKLET, encoding="utf-8")
    out = io.StringIO()
    call_command("import_booklet", str(path), stdout=out)
    output = out.getvalue()
    assert "Track labels resolved as aliases: 2" in output
    assert (
        f"  line {SPARRING_LINE}: “Gammabaseret ledelsesform” → {ALFA} "
        "(from the concepts the experiment contributed to)"
    ) in output
    assert f"  line {MOEDER_LINE}: “Deltaform” → {BETA} (from the track chapter" in output
    assert "unknown track spelling" not in output

"""A track label that names none of the booklet's tracks: resolved from the concepts the
experiment contributed to, else from the track chapter it stands in, else from the portal's
aliases; recorded as an alias and reported as such, not as an unplaced passage."""

import io

import pytest
from django.core.management import call_command

from experiments.booklet import booklet_import, parse_booklet
from experiments.models import Experiment
from labportal.organisation.models import Track, TrackAlias
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


def test_import_records_resolved_labels_as_aliases_and_reports_them():
    report = booklet_import(text=MINI_BOOKLET)
    tracks = dict(Experiment.objects.values_list("title", "track__title"))
    assert tracks == {"Sparring på holdet": ALFA, "Møder på tværs": BETA}
    aliases = {a.name: a.track.title for a in TrackAlias.objects.select_related("track")}
    assert aliases == {"Gammabaseret ledelsesform": ALFA, "Deltaform": BETA}
    assert [(r.label, r.track) for r in report.resolved_aliases] == [
        ("Gammabaseret ledelsesform", ALFA),
        ("Deltaform", BETA),
    ]
    assert not [u for u in report.unplaced if u.text.startswith("Forsøgsspor:")]
    stored = report.as_dict()["resolved_aliases"]
    assert [(r["label"], r["source"]) for r in stored] == [
        ("Gammabaseret ledelsesform", "concepts"),
        ("Deltaform", "chapter"),
    ]
    assert stored[0]["how"] == "from the concepts the experiment contributed to"

    again = booklet_import(text=MINI_BOOKLET)
    assert not again.changed
    assert TrackAlias.objects.count() == 2


def test_a_label_the_portal_knows_as_an_alias_is_resolved_by_it():
    text = MINI_BOOKLET.replace("Kollegial sparring\n\nUdfordring", "\nUdfordring").replace(
        "Forsøgssporet for Betabaseret ledelse\n", ""
    )
    assert parse_booklet(text).unresolved_labels != []
    booklet_import(text=text)
    assert Experiment.objects.filter(track=None).count() == 2
    TrackAlias.objects.create(track=Track.objects.get(title=ALFA), name="Deltaform")

    report = booklet_import(text=text)

    tracks = dict(Experiment.objects.values_list("title", "track__title"))
    assert tracks == {"Sparring på holdet": None, "Møder på tværs": ALFA}
    assert [(r.label, r.source) for r in report.resolved_aliases] == [("Deltaform", "portal")]
    unknown = [(u.line, u.text) for u in report.unplaced if u.reason == "unknown track spelling"]
    line = text.split("\n").index("Sparring på holdet") + 1
    assert unknown == [(line, "Forsøgsspor: Gammabaseret ledelsesform")]


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

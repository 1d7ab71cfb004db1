"""The organisation's part of the booklet import (labportal/organisation/booklet.py): the
program and tracks are found by slug, name or alias, never duplicated; a track label that
names none of the booklet's tracks is recorded as an alias when the booklet settles it, or
resolved by an alias the portal knows, and reported as such, not as an unplaced passage."""

import pytest

from experiments.models import Experiment
from labportal.booklet import booklet_import, parse_booklet
from labportal.organisation.models import Program, Track, TrackAlias
from tests.booklet.mini import ALFA, BETA, MINI_BOOKLET, mini_portal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_program_and_tracks_are_found_by_name_and_alias():
    mini_portal()

    report = booklet_import(text=MINI_BOOKLET)

    assert list(Program.objects.values_list("slug", flat=True)) == ["proeve"]
    assert sorted(Track.objects.values_list("slug", flat=True)) == ["spor-a", "spor-b"]
    tracks = dict(Experiment.objects.values_list("title", "track__slug"))
    assert tracks == {"Sparring på holdet": "spor-a", "Møder på tværs": "spor-b"}
    assert report.counts()["track"] == {"created": 0, "updated": 0, "unchanged": 2}


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

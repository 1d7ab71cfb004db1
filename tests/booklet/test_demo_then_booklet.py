"""The demo and the real booklet describe the same program: loading one after the other, in
either order, must give one program, 3 tracks, 6 concepts and 22 experiments, not two of
each. Skipped (with the reason) when the booklet is absent."""

import io

import pytest
from django.core.management import call_command

from concepts.models import Concept
from experiments.enums import TransitionKind
from experiments.models import Experiment, PhaseTransition
from labportal.booklet import booklet_import, parse_booklet
from labportal.core.demo_loading import demo_document
from labportal.core.text import danish_slugify
from labportal.organisation.models import DevelopmentLab, Institution, Program, Track, TrackAlias

pytestmark = pytest.mark.django_db

INNO = "innovationsbaseret-ledelse"
# What the demo and the booklet hold, in either order and however often they are loaded.
DEMO_PORTAL = {
    "experiments": 22,
    "concepts": 6,
    "tracks": 3,
    "programs": 1,
    "labs": 4,
    "institutions": 6,
}


def run_demo() -> None:
    call_command("demo", "--no-serve", stdout=io.StringIO())


def portal_state() -> dict:
    return {
        "experiments": Experiment.objects.count(),
        "concepts": Concept.objects.count(),
        "tracks": Track.objects.count(),
        "programs": Program.objects.count(),
        "labs": DevelopmentLab.objects.count(),
        "institutions": Institution.objects.count(),
    }


def wheel_state() -> dict:
    """Each experiment's phase and its whole history."""
    return {
        e.slug: (
            e.phase,
            [(t.kind, t.from_phase, t.to_phase, t.at, t.note) for t in e.transitions.all()],
        )
        for e in Experiment.objects.prefetch_related("transitions")
    }


def test_the_booklet_names_everything_with_the_demos_slugs(booklet_text):
    parsed = parse_booklet(booklet_text)
    demo = demo_document()

    def slugs(key):
        return {item["slug"] for item in demo[key]}

    assert {e.slug for e in parsed.experiments} == slugs("experiments")
    assert {c.slug for c in parsed.concepts} == slugs("concepts")
    assert {t.slug for t in parsed.tracks} == slugs("tracks")
    assert parsed.program_slug in slugs("programs")
    assert parsed.lab_slug in slugs("labs")
    assert {danish_slugify(name) for name in parsed.institutions} <= slugs("institutions")


def test_booklet_after_demo_updates_the_demo_and_duplicates_nothing(booklet_text):
    run_demo()
    before, wheel = portal_state(), wheel_state()
    institutions = dict(Experiment.objects.values_list("slug", "institution__slug"))
    assert before == DEMO_PORTAL

    report = booklet_import(text=booklet_text)

    assert portal_state() == before
    assert wheel_state() == wheel
    assert not PhaseTransition.objects.filter(kind=TransitionKind.IMPORT).exists()
    assert report.counts()["experiment"]["created"] == 0
    assert report.counts()["concept"]["created"] == 0
    # The booklet names no institution for most experiments: the demo's stay.
    assert dict(Experiment.objects.values_list("slug", "institution__slug")) == institutions
    # The booklet's odd track label is an alias the demo declared.
    portal = Experiment.objects.get(slug="vidensdeling-gennem-portal")
    assert portal.track.slug == INNO
    resolved = [(r.label, r.track, r.source) for r in report.resolved_aliases]
    assert resolved == [("Vidensbaseret ledelsesform", "Innovationsbaseret ledelse", "portal")]
    assert not [u for u in report.unplaced if u.reason == "unknown track spelling"]
    tifs = Concept.objects.get(slug="tifs-model")
    assert tifs.title == "Tilbageløbs-, forankrings- og spredningsmodel (TIFS-model)"
    assert "tifs-model" in {alias.casefold() for alias in tifs.aliases}  # the old title
    assert TrackAlias.objects.filter(name__iexact="vidensbaseret ledelsesform").count() == 1

    again = booklet_import(text=booklet_text)
    assert not again.changed
    assert wheel_state() == wheel


def test_demo_after_booklet_duplicates_nothing(booklet_text):
    booklet_import(text=booklet_text)

    run_demo()

    assert portal_state() == DEMO_PORTAL
    assert Experiment.objects.get(slug="vidensdeling-gennem-portal").track.slug == INNO
    assert Concept.objects.get(slug="tifs-model").source_experiments.count() == 4

"""Importing into a portal that already holds the booklet's things: they are found (by slug,
name, track alias or concept spelling) and updated, never duplicated; an existing
experiment keeps its phase, its history and every value the booklet leaves empty."""

import datetime as dt

import pytest

from concepts.models import Concept
from experiments.booklet import booklet_import
from experiments.enums import Phase, TransitionKind
from experiments.models import Experiment, PhaseTransition
from labportal.organisation.models import Program, Track, TrackAlias
from tests.booklet.mini import ALFA, BETA, MINI_BOOKLET, MOEDERUM, SPARRING
from tests.factories import ExperimentFactory, InstitutionFactory, ProgramFactory, TrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    """A program, two tracks and two concepts under other slugs than the booklet's."""
    program = ProgramFactory(slug="proeve", title="Prøveprogram")
    alfa = TrackFactory(slug="spor-a", title="Alfa-sporet", program=program)
    TrackAlias.objects.create(track=alfa, name=ALFA.upper())
    beta = TrackFactory(slug="spor-b", title=BETA.lower(), program=program)
    sparring = Concept.objects.create(
        slug="sparring", title="Sparring", aliases=["ks-model"], program=program, track=alfa
    )
    moederum = Concept.objects.create(
        slug="moederum", title=MOEDERUM, program=program, track=beta, focus="Egen tekst."
    )
    return {"program": program, "alfa": alfa, "beta": beta, "concepts": (sparring, moederum)}


def test_program_tracks_and_concepts_are_found_by_name_alias_and_spelling(portal):
    report = booklet_import(text=MINI_BOOKLET)

    assert list(Program.objects.values_list("slug", flat=True)) == ["proeve"]
    assert sorted(Track.objects.values_list("slug", flat=True)) == ["spor-a", "spor-b"]
    assert sorted(Concept.objects.values_list("slug", flat=True)) == ["moederum", "sparring"]
    sparring = Concept.objects.get(slug="sparring")
    assert sparring.title == SPARRING
    assert sparring.aliases == ["ks-model", "Kollegial sparring", "Sparring"]
    assert Concept.objects.get(slug="moederum").focus == "Konceptet samler møder på tværs."
    tracks = dict(Experiment.objects.values_list("title", "track__slug"))
    assert tracks == {"Sparring på holdet": "spor-a", "Møder på tværs": "spor-b"}
    assert report.counts()["track"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert report.counts()["concept"]["created"] == 0


def test_an_existing_experiment_keeps_phase_history_and_what_the_booklet_leaves_empty(portal):
    institution = InstitutionFactory(name="Prøveskolen")
    experiment = ExperimentFactory(
        slug="sparring-paa-holdet",
        title="Sparring på holdet",
        track=portal["beta"],
        program=portal["program"],
        institution=institution,
        phase=Phase.ACTION,
        hypothesis="Teamets egen hypotese.",
        actions=["Teamets aktion"],
        findings=["Et gammelt fund"],
    )
    PhaseTransition.objects.create(
        experiment=experiment,
        kind=TransitionKind.CREATED,
        from_phase="",
        to_phase=Phase.PRE,
        at=dt.datetime(2024, 1, 8, 9, tzinfo=dt.UTC),
        note="Oprettet.",
    )
    by_title = ExperimentFactory(
        slug="tvaers", title="møder på tværs", program=portal["program"], phase=Phase.DESIGN
    )

    report = booklet_import(text=MINI_BOOKLET)

    assert Experiment.objects.count() == 2
    experiment.refresh_from_db()
    assert experiment.phase == Phase.ACTION
    assert experiment.institution == institution
    assert experiment.hypothesis == "Teamets egen hypotese."
    assert experiment.actions == ["Teamets aktion"]
    assert experiment.challenge == "Holdet savner sparring."
    assert experiment.findings == ["Sparring virker.", "Det tager tid."]
    assert experiment.track == portal["alfa"]  # the booklet's track (from its concept)
    assert list(experiment.transitions.values_list("kind", flat=True)) == ["created"]
    by_title.refresh_from_db()
    assert (by_title.title, by_title.phase) == ("Møder på tværs", Phase.DESIGN)
    assert not PhaseTransition.objects.filter(kind=TransitionKind.IMPORT).exists()
    assert report.counts()["experiment"] == {"created": 0, "updated": 2, "unchanged": 0}

    again = booklet_import(text=MINI_BOOKLET)
    assert not again.changed


def test_concept_links_are_only_added(portal):
    other = ExperimentFactory(program=portal["program"])
    sparring = portal["concepts"][0]
    sparring.source_experiments.add(other)

    booklet_import(text=MINI_BOOKLET)

    titles = set(sparring.source_experiments.values_list("title", flat=True))
    assert titles == {other.title, "Sparring på holdet"}

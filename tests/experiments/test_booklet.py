"""Experiments' part of the booklet import (experiments/booklet.py): an experiment
the portal holds is found by slug or title and updated, never duplicated; it keeps its phase,
its history and every value the booklet leaves empty."""

import datetime as dt

import pytest

from experiments.enums import Phase, TransitionKind
from experiments.models import Experiment, PhaseTransition
from labportal.booklet import booklet_import
from tests.booklet.mini import MINI_BOOKLET, mini_portal
from tests.factories import ExperimentFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def test_an_existing_experiment_keeps_phase_history_and_what_the_booklet_leaves_empty():
    portal = mini_portal()
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

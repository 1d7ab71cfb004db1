"""A small portal with every kind of data the export holds."""

import datetime as dt

import pytest

from concepts.models import Concept
from experiments.enums import Decision, Phase, TransitionKind
from experiments.models import Experiment, PhaseTransition, TeamMembership
from labportal.organisation.models import (
    DevelopmentLab,
    Education,
    Institution,
    Program,
    Track,
    TrackAlias,
)
from tests.factories import ExperimentFactory, UserFactory

UTC = dt.UTC


@pytest.fixture
def portal(db):
    lab = DevelopmentLab.objects.create(slug="ledelse-og-styring", name="Ledelse og Styring")
    owner = UserFactory(username="strateg", email="strateg@example.invalid")
    member = UserFactory(username="mette")
    other = UserFactory(username="bo")
    program = Program.objects.create(
        slug="nye-ledelsesformer", title="Nye ledelsesformer", lab=lab, owner=owner
    )
    track = Track.objects.create(slug="udforskende", title="Udforskende ledelse", program=program)
    TrackAlias.objects.create(track=track, name="Udforskende ledelsesformer")
    TrackAlias.objects.create(track=track, name="Udforskende ledelsesform")
    Track.objects.create(slug="relationsbaseret", title="Relationsbaseret ledelse", program=program)
    institution = Institution.objects.create(slug="tec", name="TEC")
    education = Education.objects.create(institution=institution, slug="data", name="Datatekniker")
    Institution.objects.create(slug="kea", name="KEA")
    first = ExperimentFactory(
        slug="a-moedekultur",
        title="Mødekultur",
        program=program,
        track=track,
        institution=institution,
        education=education,
        owner=owner,
        phase=Phase.IMPLEMENTATION,
        decision=Decision.ADOPTED,
        attention_points=["Hold fast i reglerne"],
        concept_phases=["Først", "Så"],
        links=[{"title": "Side", "url": "https://example.invalid/"}],
        start_date=dt.date(2024, 2, 1),
        end_date=dt.date(2025, 3, 1),
        registered_challenge="Gamle møder",
        registered_hypothesis="Hvis tema, så mening",
        registered_at=dt.datetime(2024, 2, 2, 9, 30, tzinfo=UTC),
    )
    second = ExperimentFactory(
        slug="b-netvaerk", title="Netværksledelse", program=program, track=None, parent=first
    )
    TeamMembership.objects.create(experiment=first, user=member, role="Tovholder")
    TeamMembership.objects.create(experiment=first, user=other, role="")
    TeamMembership.objects.create(experiment=second, user=member, role="Underviser")
    steps = [
        ("", Phase.PRE, TransitionKind.CREATED, ""),
        (Phase.PRE, Phase.DESIGN, TransitionKind.LAUNCH, ""),
        (Phase.DESIGN, Phase.ACTION, TransitionKind.FORWARD, ""),
        (Phase.ACTION, Phase.DESIGN, TransitionKind.BACK, ""),
        (Phase.DESIGN, Phase.IMPLEMENTATION, TransitionKind.FORWARD, ""),
        (Phase.IMPLEMENTATION, Phase.IMPLEMENTATION, TransitionKind.DECISION, Decision.ADOPTED),
    ]
    for day, (from_phase, to_phase, kind, decision) in enumerate(steps, start=1):
        PhaseTransition.objects.create(
            experiment=first,
            kind=kind,
            from_phase=from_phase,
            to_phase=to_phase,
            decision=decision,
            by=owner if day % 2 else None,
            at=dt.datetime(2024, 3, day, 12, 0, tzinfo=UTC),
            note=f"Note {day} – æøå",
        )
    Experiment.objects.filter(pk=first.pk).update(
        phase_entered_at=dt.datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
    )
    concept = Concept.objects.create(
        slug="tre-rum",
        title="Tre rum",
        aliases=["Tre rum i udforskende ledelse"],
        program=program,
        track=track,
        focus="Fokus",
        phases=["Det undersøgende rum", "Det oversættende rum"],
        conditions=["Tillid"],
        status="published",
    )
    concept.source_experiments.add(first, second)
    Concept.objects.create(slug="tifs", title="TIFS-model", program=program)
    return {"first": first, "second": second, "program": program, "owner": owner}


@pytest.fixture(autouse=True)
def _assertions_read_english(in_english):
    """These tests assert the English wording of messages; Danish is checked separately."""

import factory

from experiments.models import Experiment, TeamMembership

from .accounts import UserFactory
from .organisation import InstitutionFactory, TrackFactory


class ExperimentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experiment

    slug = factory.Sequence(lambda n: f"eksperiment-{n}")
    title = factory.Sequence(lambda n: f"Eksperiment {n}")
    track = factory.SubFactory(TrackFactory)
    program = factory.LazyAttribute(lambda e: e.track.program)
    institution = factory.SubFactory(InstitutionFactory)
    summary = "Et kort resumé af eksperimentet."
    challenge = "Udfordringen er at samarbejde på tværs."
    hypothesis = "Hvis vi mødes oftere, så lærer vi mere af hinanden."
    actions = factory.LazyFunction(lambda: ["Første aktion", "Anden aktion"])
    findings = factory.LazyFunction(lambda: ["Et fund"])


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    experiment = factory.SubFactory(ExperimentFactory)
    user = factory.SubFactory(UserFactory, roles=["staff"])
    role = "Projektleder"

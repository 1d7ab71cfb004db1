"""Fixtures and helpers for the experiment wheel's tests."""

import pytest

from experiments.enums import Phase
from experiments.models import Experiment, PhaseTransition
from labportal.accounts.enums import Role
from tests.factories import ExperimentFactory, TeamMembershipFactory, UserFactory


@pytest.fixture
def eager_celery():
    """Run Celery tasks in the caller, whatever REDIS_URL says."""
    from labportal.celery import app

    old = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = old


def staff(**kwargs):
    return UserFactory(roles=[Role.STAFF], **kwargs)


def strategic(**kwargs):
    return UserFactory(roles=[Role.STAFF, Role.STRATEGIC], **kwargs)


def administrator(**kwargs):
    return UserFactory(roles=[Role.STAFF, Role.ADMINISTRATOR], **kwargs)


def experiment_in(phase: Phase = Phase.PRE, *, team=(), **kwargs):
    experiment = ExperimentFactory(phase=phase, **kwargs)
    for user in team:
        TeamMembershipFactory(experiment=experiment, user=user)
    return experiment


@pytest.fixture
def wheel(db):
    """An experiment with a two-person team, its strategic owner, the strategic owner of its
    track, an outsider, and a strategic person who owns nothing of it (reads, may not act)."""
    member = staff(username="member", language="da")
    colleague = staff(username="colleague", language="en")
    owner = strategic(username="owner", language="en")
    track_owner = strategic(username="trackowner")
    outsider = staff(username="outsider")
    boss = strategic(username="boss")
    admin = administrator(username="admin", is_staff=True)
    experiment = experiment_in(
        Phase.PRE, team=[member, colleague], owner=owner, track__owner=track_owner
    )
    return {
        "experiment": experiment,
        "member": member,
        "colleague": colleague,
        "owner": owner,
        "track_owner": track_owner,
        "outsider": outsider,
        "strategic": boss,
        "admin": admin,
    }


def reload(experiment):
    return Experiment.objects.get(pk=experiment.pk)


def moves(experiment):
    """The experiment's history as (kind, from, to) tuples, oldest first."""
    return list(
        PhaseTransition.objects.filter(experiment=experiment)
        .order_by("at", "pk")
        .values_list("kind", "from_phase", "to_phase")
    )

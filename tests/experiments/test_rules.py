"""Who may do what on the wheel, phase by phase (experiments/rules.py)."""

import pytest

from experiments.enums import Decision, Phase
from experiments.rules import team_user_ids
from tests.experiments.wheel_support import administrator, experiment_in, staff, strategic

pytestmark = pytest.mark.django_db

PHASES = list(Phase)
PEOPLE = ("member", "owner", "strategic", "outsider", "admin")

# perm -> person -> phases where it is open (undecided experiment)
EXPECTED = {
    "experiments.launch": {"owner": {"pre"}, "strategic": {"pre"}},
    "experiments.advance": {
        "member": {"design", "action", "analysis", "concept"},
        "owner": {"concept"},
        "strategic": {"concept"},
    },
    "experiments.step_back": {
        "member": {"action", "analysis", "concept"},
        "owner": {"design", "concept", "implementation"},
        "strategic": {"design", "concept", "implementation"},
    },
    "experiments.decide": {"owner": {"implementation"}, "strategic": {"implementation"}},
}
ALL = {p.value for p in PHASES}
PHASE_FREE = {
    "experiments.view": {"member", "owner", "strategic", "outsider", "admin"},
    "experiments.change": {"member", "owner", "admin"},
    "experiments.view_history": {"member", "owner", "strategic", "admin"},
    "experiments.manage_team": {"owner", "strategic", "admin"},
}


@pytest.fixture
def people():
    member = staff()
    return {
        "member": member,
        "owner": strategic(),
        "strategic": strategic(),
        "outsider": staff(),
        "admin": administrator(),
    }


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_wheel_perm_by_phase_and_person(people, perm, phase):
    experiment = experiment_in(phase, team=[people["member"]], owner=people["owner"])
    got = {name for name in PEOPLE if people[name].has_perm(perm, experiment)}
    want = {name for name, phases in EXPECTED[perm].items() if phase.value in phases}
    assert got == want


@pytest.mark.parametrize("phase", [Phase.PRE, Phase.IMPLEMENTATION])
@pytest.mark.parametrize("perm", sorted(PHASE_FREE))
def test_phase_free_perms(people, perm, phase):
    experiment = experiment_in(phase, team=[people["member"]], owner=people["owner"])
    got = {name for name in PEOPLE if people[name].has_perm(perm, experiment)}
    assert got == PHASE_FREE[perm]


def test_create_is_for_strategic_level_and_administrators(people):
    got = {name for name in PEOPLE if people[name].has_perm("experiments.create")}
    assert got == {"owner", "strategic", "admin"}


def test_a_decided_experiment_cannot_be_decided_again_or_moved_back(people):
    experiment = experiment_in(
        Phase.IMPLEMENTATION, owner=people["owner"], decision=Decision.ADOPTED
    )
    assert not people["strategic"].has_perm("experiments.decide", experiment)
    assert not people["strategic"].has_perm("experiments.step_back", experiment)


def test_a_person_without_any_role_sees_nothing():
    from tests.factories import UserFactory

    nobody = UserFactory()
    experiment = experiment_in(Phase.DESIGN, team=[nobody])
    assert not nobody.has_perm("experiments.view", experiment)


def test_team_check_uses_prefetched_memberships(people, django_assert_num_queries):
    from experiments.models import Experiment

    experiment_in(Phase.DESIGN, team=[people["member"]], slug="prefetched")
    experiment = Experiment.objects.prefetch_related("memberships").get(slug="prefetched")
    people["member"].has_perm("experiments.view")  # loads the role groups once
    with django_assert_num_queries(0):
        assert team_user_ids(experiment) == {people["member"].pk}
        assert people["member"].has_perm("experiments.advance", experiment)

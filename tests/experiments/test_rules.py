"""Who may do what on the wheel, phase by phase (experiments/rules.py)."""

import pytest

from experiments.enums import Decision, Phase
from experiments.models import Experiment
from experiments.rules import team_user_ids
from experiments.selectors import experiment_detail_queryset
from tests.experiments.wheel_support import administrator, experiment_in, staff, strategic
from tests.factories import ProgramFactory, TeamMembershipFactory, TrackFactory

pytestmark = pytest.mark.django_db

PHASES = list(Phase)
# owner: the experiment's own; track_owner, program_owner: of its track, of its program;
# strategic: the strategic level, owning nothing here.
PEOPLE = ("member", "owner", "track_owner", "program_owner", "strategic", "outsider", "admin")
OWNERS = ("owner", "track_owner", "program_owner")
ACTS_STRATEGICALLY = (*OWNERS, "admin")


def open_to(names, phases) -> dict:
    return dict.fromkeys(names, frozenset(phases))


# perm -> person -> phases where it is open (undecided experiment)
EXPECTED = {
    "experiments.launch": open_to(ACTS_STRATEGICALLY, {"pre"}),
    "experiments.advance": {
        **open_to(ACTS_STRATEGICALLY, {"concept"}),
        "member": {"design", "action", "analysis", "concept"},
    },
    "experiments.step_back": {
        **open_to(ACTS_STRATEGICALLY, {"design", "concept", "implementation"}),
        "member": {"action", "analysis", "concept"},
    },
    "experiments.decide": open_to(ACTS_STRATEGICALLY, {"implementation"}),
}
PHASE_FREE = {
    "experiments.view": set(PEOPLE),
    "experiments.change": {"member", *ACTS_STRATEGICALLY},
    "experiments.view_history": {"member", "strategic", *ACTS_STRATEGICALLY},
    "experiments.manage_team": set(ACTS_STRATEGICALLY),
}


@pytest.fixture
def people():
    return {
        "member": staff(),
        "owner": strategic(),
        "track_owner": strategic(),
        "program_owner": strategic(),
        "strategic": strategic(),
        "outsider": staff(),
        "admin": administrator(),
    }


def owned_experiment(people, phase, **kwargs):
    program = ProgramFactory(owner=people["program_owner"])
    track = TrackFactory(program=program, owner=people["track_owner"])
    return experiment_in(
        phase,
        team=[people["member"]],
        owner=people["owner"],
        track=track,
        program=program,
        **kwargs,
    )


def allowed(people, perm, experiment) -> set[str]:
    return {name for name in PEOPLE if people[name].has_perm(perm, experiment)}


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_wheel_perm_by_phase_and_person(people, perm, phase):
    experiment = owned_experiment(people, phase)
    want = {name for name, phases in EXPECTED[perm].items() if phase.value in phases}
    assert allowed(people, perm, experiment) == want


@pytest.mark.parametrize("phase", [Phase.PRE, Phase.IMPLEMENTATION])
@pytest.mark.parametrize("perm", sorted(PHASE_FREE))
def test_phase_free_perms(people, perm, phase):
    assert allowed(people, perm, owned_experiment(people, phase)) == PHASE_FREE[perm]


def test_create_is_for_strategic_level_and_administrators(people):
    got = {name for name in PEOPLE if people[name].has_perm("experiments.create")}
    assert got == {*OWNERS, "strategic", "admin"}


def test_a_decided_experiment_cannot_be_decided_again_or_moved_back(people):
    experiment = owned_experiment(people, Phase.IMPLEMENTATION, decision=Decision.ADOPTED)
    assert allowed(people, "experiments.decide", experiment) == set()
    assert allowed(people, "experiments.step_back", experiment) == set()


def test_owning_without_the_strategic_role_opens_no_strategic_gate():
    lapsed = staff()
    track = TrackFactory(owner=lapsed, program=ProgramFactory(owner=lapsed))
    for phase, perm in [
        (Phase.PRE, "experiments.launch"),
        (Phase.DESIGN, "experiments.step_back"),
        (Phase.CONCEPT, "experiments.advance"),
        (Phase.IMPLEMENTATION, "experiments.decide"),
    ]:
        experiment = experiment_in(phase, track=track, program=track.program)
        assert not lapsed.has_perm(perm, experiment), perm
        assert not lapsed.has_perm("experiments.manage_team", experiment)


def test_owning_one_track_gives_nothing_on_another(people):
    other = experiment_in(Phase.PRE, track=TrackFactory(owner=strategic()))
    assert allowed(people, "experiments.launch", other) == {"admin"}


def test_an_experiment_without_a_track_is_its_programs(people):
    program = ProgramFactory(owner=people["program_owner"])
    experiment = experiment_in(Phase.PRE, track=None, program=program, owner=people["owner"])
    assert allowed(people, "experiments.launch", experiment) == {"owner", "program_owner", "admin"}


def test_a_person_without_any_role_sees_nothing():
    from tests.factories import UserFactory

    nobody = UserFactory()
    experiment = experiment_in(Phase.DESIGN, team=[nobody])
    assert not nobody.has_perm("experiments.view", experiment)


def test_a_page_loaded_experiment_is_checked_without_queries(people, django_assert_num_queries):
    owned_experiment(people, Phase.CONCEPT, slug="paa-siden")
    experiment = experiment_detail_queryset().get(slug="paa-siden")
    for person in people.values():
        person.has_perm("experiments.view")  # loads the person's role groups once
    with django_assert_num_queries(0):
        assert team_user_ids(experiment) == {people["member"].pk}
        assert allowed(people, "experiments.advance", experiment) == {
            "member",
            *ACTS_STRATEGICALLY,
        }


def test_a_team_change_counts_at_the_next_check(people):
    experiment = owned_experiment(people, Phase.DESIGN, slug="bar-raekke")
    row = Experiment.objects.get(slug="bar-raekke")  # as the services lock it: nothing loaded
    newcomer = staff()
    assert not newcomer.has_perm("experiments.advance", row)
    TeamMembershipFactory(experiment=experiment, user=newcomer)
    assert newcomer.has_perm("experiments.advance", row)
    experiment.memberships.filter(user=newcomer).delete()
    assert not newcomer.has_perm("experiments.advance", row)

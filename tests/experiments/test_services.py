"""Every rule of the wheel, allowed and refused (experiments/services.py)."""

import pytest
from django.utils import translation

from experiments import services
from experiments.enums import Decision, Phase
from experiments.exceptions import (
    InvalidTransition,
    NoteRequired,
    ReasonRequired,
    StaleTransition,
    TransitionNotAllowed,
)
from experiments.models import Experiment
from tests.experiments.wheel_support import experiment_in, moves, reload, staff, strategic
from tests.factories import ProgramFactory, TrackFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


# --- launch -------------------------------------------------------------------------------


def test_launch_freezes_challenge_and_hypothesis(wheel):
    experiment = wheel["experiment"]
    transition = services.experiment_launch(
        experiment=experiment, by=wheel["owner"], note="Afsendt", expected_phase="pre"
    )
    stored = reload(experiment)
    assert (stored.phase, transition.kind, transition.note) == ("design", "launch", "Afsendt")
    assert stored.registered_challenge == stored.challenge
    assert stored.registered_hypothesis == stored.hypothesis
    assert stored.registered_at is not None
    services.experiment_update(
        experiment=stored, by=wheel["member"], data={"challenge": "Senere formulering"}
    )
    stored = reload(experiment)
    assert stored.challenge == "Senere formulering"
    assert stored.registered_challenge == "Udfordringen er at samarbejde på tværs."


def test_launch_by_the_team_is_refused(wheel):
    with pytest.raises(TransitionNotAllowed):
        services.experiment_launch(
            experiment=wheel["experiment"], by=wheel["member"], note="x", expected_phase="pre"
        )
    stored = reload(wheel["experiment"])
    assert (stored.phase, stored.registered_at) == ("pre", None)


def test_launch_outside_the_pre_phase_is_refused(wheel):
    experiment = experiment_in(Phase.DESIGN)
    with pytest.raises(InvalidTransition):
        services.experiment_launch(
            experiment=experiment, by=wheel["owner"], note="x", expected_phase="design"
        )
    assert reload(experiment).phase == "design"


@pytest.mark.parametrize("note", ["", "   \n "])
def test_launch_needs_a_note(wheel, note):
    with pytest.raises(NoteRequired):
        services.experiment_launch(
            experiment=wheel["experiment"], by=wheel["owner"], note=note, expected_phase="pre"
        )
    assert reload(wheel["experiment"]).phase == "pre"
    assert moves(wheel["experiment"]) == []


# --- advance ------------------------------------------------------------------------------


def test_a_full_walk_round_the_wheel(wheel):
    experiment, member, owner = wheel["experiment"], wheel["member"], wheel["owner"]
    services.experiment_launch(experiment=experiment, by=owner, note="1", expected_phase="pre")
    for by, expected in [
        (member, "design"),
        (member, "action"),
        (member, "analysis"),
        (owner, "concept"),
    ]:
        services.experiment_advance(
            experiment=experiment, by=by, note=f"videre fra {expected}", expected_phase=expected
        )
    assert reload(experiment).phase == "implementation"
    services.experiment_decide(
        experiment=experiment,
        by=owner,
        decision=Decision.ADOPTED,
        note="Tages i brug",
        expected_phase="implementation",
    )
    assert moves(experiment) == [
        ("launch", "pre", "design"),
        ("forward", "design", "action"),
        ("forward", "action", "analysis"),
        ("forward", "analysis", "concept"),
        ("forward", "concept", "implementation"),
        ("decision", "implementation", "implementation"),
    ]
    assert reload(experiment).decision == "adopted"


@pytest.mark.parametrize(
    ("phase", "who", "error"),
    [
        (Phase.PRE, "owner", InvalidTransition),  # the pre-phase is left by launching
        (Phase.IMPLEMENTATION, "owner", InvalidTransition),  # last phase: decide instead
        (Phase.DESIGN, "outsider", TransitionNotAllowed),
        (Phase.DESIGN, "strategic", TransitionNotAllowed),  # the team acts in design
        (Phase.ACTION, "owner", TransitionNotAllowed),
        (Phase.ANALYSIS, "admin", TransitionNotAllowed),
        (Phase.CONCEPT, "outsider", TransitionNotAllowed),
    ],
)
def test_advance_refused(wheel, phase, who, error):
    experiment = experiment_in(phase, team=[wheel["member"]], owner=wheel["owner"])
    with pytest.raises(error) as caught:
        services.experiment_advance(
            experiment=experiment, by=wheel[who], note="x", expected_phase=phase.value
        )
    assert caught.value.message
    assert reload(experiment).phase == phase.value
    assert moves(experiment) == []


def test_a_skipped_phase_is_refused(wheel):
    experiment = experiment_in(Phase.DESIGN, team=[wheel["member"]])
    with pytest.raises(InvalidTransition):
        services.experiment_advance(
            experiment=experiment,
            by=wheel["member"],
            note="spring over",
            expected_phase="design",
            to_phase="analysis",
        )
    assert reload(experiment).phase == "design"


def test_advance_needs_a_note(wheel):
    experiment = experiment_in(Phase.ACTION, team=[wheel["member"]])
    with pytest.raises(NoteRequired):
        services.experiment_advance(
            experiment=experiment, by=wheel["member"], note=" ", expected_phase="action"
        )
    assert reload(experiment).phase == "action"


def test_advance_stamps_the_phase_entry_time(wheel):
    experiment = experiment_in(Phase.ACTION, team=[wheel["member"]])
    before = reload(experiment).phase_entered_at
    transition = services.experiment_advance(
        experiment=experiment, by=wheel["member"], note="ok", expected_phase="action"
    )
    stored = reload(experiment)
    assert stored.phase_entered_at == transition.at
    assert stored.phase_entered_at > before


# --- two people at once -------------------------------------------------------------------


def test_second_of_two_sessions_with_the_same_form_is_stale(wheel):
    experiment = experiment_in(Phase.DESIGN, team=[wheel["member"], wheel["colleague"]])
    first_view = Experiment.objects.get(pk=experiment.pk)
    second_view = Experiment.objects.get(pk=experiment.pk)
    services.experiment_advance(
        experiment=first_view, by=wheel["member"], note="Først", expected_phase="design"
    )
    with pytest.raises(StaleTransition) as caught:
        services.experiment_advance(
            experiment=second_view, by=wheel["colleague"], note="Også", expected_phase="design"
        )
    assert caught.value.status == 409
    assert caught.value.current_phase == "action"
    assert str(Phase.ACTION.label) in caught.value.message
    assert moves(experiment) == [("forward", "design", "action")]
    assert reload(experiment).phase == "action"


def test_stale_check_comes_before_role_and_phase(wheel):
    experiment = experiment_in(Phase.IMPLEMENTATION, owner=wheel["owner"])
    with pytest.raises(StaleTransition):
        services.experiment_advance(
            experiment=experiment, by=wheel["member"], note="x", expected_phase="concept"
        )


# --- step back ----------------------------------------------------------------------------


def test_step_back_with_a_reason(wheel):
    experiment = experiment_in(Phase.ANALYSIS, team=[wheel["member"]])
    transition = services.experiment_step_back(
        experiment=experiment, by=wheel["member"], reason="Mangler data", expected_phase="analysis"
    )
    assert (transition.kind, transition.to_phase, transition.note) == (
        "back",
        "action",
        "Mangler data",
    )
    assert reload(experiment).phase == "action"


def test_step_back_needs_a_reason(wheel):
    experiment = experiment_in(Phase.ANALYSIS, team=[wheel["member"]])
    with pytest.raises(ReasonRequired):
        services.experiment_step_back(
            experiment=experiment, by=wheel["member"], reason="", expected_phase="analysis"
        )
    assert reload(experiment).phase == "analysis"


@pytest.mark.parametrize(
    ("phase", "who", "decision", "error"),
    [
        (Phase.PRE, "owner", "", InvalidTransition),
        (Phase.DESIGN, "member", "", TransitionNotAllowed),  # only strategic un-launches
        (Phase.DESIGN, "strategic", "", TransitionNotAllowed),  # ... that owns the experiment
        (Phase.IMPLEMENTATION, "member", "", TransitionNotAllowed),
        (Phase.IMPLEMENTATION, "owner", Decision.ADOPTED, InvalidTransition),
    ],
)
def test_step_back_refused(wheel, phase, who, decision, error):
    experiment = experiment_in(
        phase, team=[wheel["member"]], owner=wheel["owner"], decision=decision
    )
    with pytest.raises(error):
        services.experiment_step_back(
            experiment=experiment, by=wheel[who], reason="fordi", expected_phase=phase.value
        )
    assert reload(experiment).phase == phase.value


# --- decide -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phase", "who", "decision", "error"),
    [
        (Phase.CONCEPT, "owner", Decision.ADOPTED, InvalidTransition),
        (Phase.IMPLEMENTATION, "member", Decision.ADOPTED, TransitionNotAllowed),
        (Phase.IMPLEMENTATION, "strategic", Decision.ADOPTED, TransitionNotAllowed),
        (Phase.IMPLEMENTATION, "owner", "maybe", InvalidTransition),
    ],
)
def test_decide_refused(wheel, phase, who, decision, error):
    experiment = experiment_in(phase, team=[wheel["member"]], owner=wheel["owner"])
    with pytest.raises(error):
        services.experiment_decide(
            experiment=experiment,
            by=wheel[who],
            decision=decision,
            note="x",
            expected_phase=phase.value,
        )
    assert reload(experiment).decision == ""


def test_deciding_twice_is_stale(wheel):
    experiment = experiment_in(Phase.IMPLEMENTATION, owner=wheel["owner"])
    kwargs = {"experiment": experiment, "note": "x", "expected_phase": "implementation"}
    services.experiment_decide(by=wheel["owner"], decision=Decision.NOT_ADOPTED, **kwargs)
    with pytest.raises(StaleTransition):
        services.experiment_decide(by=wheel["strategic"], decision=Decision.ADOPTED, **kwargs)
    assert reload(experiment).decision == "not_adopted"


def test_new_iteration_starts_a_linked_follow_up_in_design(wheel):
    experiment = experiment_in(
        Phase.IMPLEMENTATION, team=[wheel["member"], wheel["colleague"]], owner=wheel["owner"]
    )
    services.experiment_decide(
        experiment=experiment,
        by=wheel["owner"],
        decision=Decision.NEW_ITERATION,
        note="Vi prøver igen med flere skoler",
        expected_phase="implementation",
    )
    stored = reload(experiment)
    assert (stored.phase, stored.decision) == ("implementation", "new_iteration")
    follow_up = Experiment.objects.get(parent=experiment)
    assert follow_up.phase == "design"
    assert follow_up.slug == f"{experiment.slug}-2"
    assert follow_up.owner == wheel["owner"]
    assert set(follow_up.memberships.values_list("user_id", flat=True)) == {
        wheel["member"].pk,
        wheel["colleague"].pk,
    }
    assert follow_up.registered_challenge == experiment.challenge
    assert moves(follow_up) == [("launch", "pre", "design")]
    assert follow_up.transitions.get().note == "Vi prøver igen med flere skoler"


# --- who acts for the strategic level ----------------------------------------------------

STRATEGIC_MOVES = {
    "launch": (Phase.PRE, lambda **kw: services.experiment_launch(note="x", **kw)),
    "withdraw": (Phase.DESIGN, lambda **kw: services.experiment_step_back(reason="x", **kw)),
    "advance": (Phase.CONCEPT, lambda **kw: services.experiment_advance(note="x", **kw)),
    "decide": (
        Phase.IMPLEMENTATION,
        lambda **kw: services.experiment_decide(decision=Decision.ADOPTED, note="x", **kw),
    ),
}


def _owned_by_program_and_track(wheel, phase):
    program = ProgramFactory(owner=strategic(username="programowner"))
    track = TrackFactory(program=program, owner=wheel["track_owner"])
    return experiment_in(phase, owner=wheel["owner"], program=program, track=track)


@pytest.mark.parametrize("move", sorted(STRATEGIC_MOVES))
@pytest.mark.parametrize("who", ["owner", "track_owner", "program_owner", "admin"])
def test_the_owners_and_administrators_act_for_the_strategic_level(wheel, move, who):
    phase, run = STRATEGIC_MOVES[move]
    experiment = _owned_by_program_and_track(wheel, phase)
    by = experiment.program.owner if who == "program_owner" else wheel[who]
    transition = run(experiment=experiment, by=by, expected_phase=phase.value)
    assert transition.by == by


@pytest.mark.parametrize("move", sorted(STRATEGIC_MOVES))
def test_the_strategic_level_does_not_act_on_what_it_does_not_own(wheel, move):
    phase, run = STRATEGIC_MOVES[move]
    experiment = _owned_by_program_and_track(wheel, phase)
    with translation.override("en"), pytest.raises(TransitionNotAllowed) as caught:
        run(experiment=experiment, by=wheel["strategic"], expected_phase=phase.value)
    if move != "withdraw":  # a refused step back says who acts in the phase
        assert "owners at the strategic level and administrators" in caught.value.message
    assert moves(experiment) == []


def test_an_owner_who_left_the_strategic_level_does_not_launch(wheel):
    lapsed = staff()
    experiment = experiment_in(Phase.PRE, owner=lapsed, track__owner=lapsed)
    with pytest.raises(TransitionNotAllowed):
        services.experiment_launch(experiment=experiment, by=lapsed, note="x", expected_phase="pre")
    assert reload(experiment).phase == "pre"


# --- a real race on PostgreSQL ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_threads_advancing_at_once_exactly_one_wins():
    """Two connections advance the same experiment together: select_for_update serialises
    them, one succeeds and the other sees a StaleTransition."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises whole-database writes")
    first, second = staff(), staff()
    experiment = experiment_in(Phase.DESIGN, team=[first, second])
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def advance(user):
        try:
            barrier.wait(timeout=30)
            services.experiment_advance(
                experiment=Experiment(pk=experiment.pk),
                by=user,
                note=f"fra {user.username}",
                expected_phase="design",
            )
            outcomes[user.username] = "moved"
        except StaleTransition:
            outcomes[user.username] = "stale"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=advance, args=(u,)) for u in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["moved", "stale"]
    assert reload(experiment).phase == "action"
    assert moves(experiment) == [("forward", "design", "action")]

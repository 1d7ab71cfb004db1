"""Creating and editing experiments and their teams (experiments/editing.py)."""

import pytest

from experiments import services
from experiments.enums import Phase, TransitionKind
from experiments.exceptions import NotAllowed, SlugTaken
from experiments.models import Experiment
from experiments.selectors import experiment_changes
from tests.experiments.wheel_support import experiment_in, moves, reload, staff
from tests.factories import TrackFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def test_create_records_a_created_transition_and_the_team(wheel):
    track = TrackFactory()
    experiment = services.experiment_create(
        by=wheel["strategic"],
        title="Ledelse på tværs",
        program=track.program,
        track=track,
        team=[wheel["member"], wheel["colleague"], wheel["member"]],
        challenge="En udfordring",
    )
    assert experiment.slug == "ledelse-paa-tvaers"
    assert experiment.phase == Phase.PRE
    assert set(experiment.memberships.values_list("user__username", flat=True)) == {
        "member",
        "colleague",
    }
    assert moves(experiment) == [(TransitionKind.CREATED, "", Phase.PRE)]
    assert experiment.transitions.get().by == wheel["strategic"]
    assert experiment.history.get().history_user == wheel["strategic"]


def test_create_makes_auto_slugs_unique_and_refuses_a_taken_slug(wheel):
    program = TrackFactory().program
    first = services.experiment_create(by=wheel["admin"], title="Ny", program=program)
    second = services.experiment_create(by=wheel["admin"], title="Ny", program=program)
    new = services.experiment_create(by=wheel["admin"], title="New", program=program)
    assert (first.slug, second.slug, new.slug) == ("ny", "ny-2", "new-2")
    with pytest.raises(SlugTaken):
        services.experiment_create(by=wheel["admin"], title="X", slug="ny", program=program)
    with pytest.raises(SlugTaken):
        services.experiment_create(by=wheel["admin"], title="X", slug="new", program=program)
    assert Experiment.objects.filter(title="X").count() == 0


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_create_is_refused_below_strategic_level(wheel, who):
    with pytest.raises(NotAllowed):
        services.experiment_create(by=wheel[who], title="Nej", program=TrackFactory().program)
    assert not Experiment.objects.filter(title="Nej").exists()


def test_update_saves_only_changed_fields_and_records_who_what_old_new(wheel):
    experiment = wheel["experiment"]
    old_findings = list(experiment.findings)
    changed = services.experiment_update(
        experiment=experiment,
        by=wheel["member"],
        data={
            "title": experiment.title,
            "findings": ["Nyt fund", "Andet fund"],
            "challenge": "Ny udfordring",
        },
    )
    assert sorted(changed) == ["challenge", "findings"]
    stored = reload(experiment)
    assert stored.findings == ["Nyt fund", "Andet fund"]
    [edit] = experiment_changes(stored)
    assert edit.by == wheel["member"]
    by_field = {c.field: (c.old, c.new) for c in edit.changes}
    assert by_field == {
        "challenge": ("Udfordringen er at samarbejde på tværs.", "Ny udfordring"),
        "findings": ("\n".join(old_findings), "Nyt fund\nAndet fund"),
    }


def test_update_without_changes_saves_nothing(wheel):
    experiment = wheel["experiment"]
    before = experiment.history.count()
    assert (
        services.experiment_update(
            experiment=experiment, by=wheel["member"], data={"title": experiment.title}
        )
        == []
    )
    assert experiment.history.count() == before


@pytest.mark.parametrize("who", ["outsider", "strategic"])
def test_update_is_refused_outside_team_owner_and_admins(wheel, who):
    with pytest.raises(NotAllowed):
        services.experiment_update(
            experiment=wheel["experiment"], by=wheel[who], data={"title": "Kapret"}
        )
    assert reload(wheel["experiment"]).title != "Kapret"


def test_update_refuses_fields_outside_the_sections(wheel):
    with pytest.raises(TypeError):
        services.experiment_update(
            experiment=wheel["experiment"], by=wheel["admin"], data={"phase": "implementation"}
        )


def test_team_membership_add_and_remove(wheel):
    experiment, newcomer = wheel["experiment"], staff()
    with pytest.raises(NotAllowed):
        services.team_membership_add(experiment=experiment, user=newcomer, by=wheel["member"])
    services.team_membership_add(experiment=experiment, user=newcomer, by=wheel["owner"], role="X")
    assert experiment.memberships.get(user=newcomer).role == "X"
    assert services.team_membership_remove(experiment=experiment, user=newcomer, by=wheel["admin"])
    assert not experiment.memberships.filter(user=newcomer).exists()


def test_registered_changes_tell_which_registered_sections_were_edited(wheel):
    experiment = experiment_in(Phase.PRE, owner=wheel["owner"])
    assert experiment.registered_changes() == {"challenge": False, "hypothesis": False}
    services.experiment_launch(
        experiment=experiment, by=wheel["owner"], note="Afsæt sendt", expected_phase="pre"
    )
    experiment.hypothesis = "Hvis vi prøver noget andet, så lærer vi noget nyt."
    assert experiment.registered_changes() == {"challenge": False, "hypothesis": True}

"""Two people editing the same experiment: the edit form carries the version it was opened at,
and a save over someone else's later changes is refused with both texts side by side."""

import pytest
from django.test import Client
from django.urls import reverse

from experiments import services
from experiments.editing import edit_version
from experiments.exceptions import StaleEdit
from experiments.forms import ExperimentEditForm
from experiments.models import Experiment
from experiments.selectors import experiment_changes
from tests.experiments.wheel_support import reload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

CONFLICT = "Someone else saved changes to this experiment after you opened the form"


def edit_url(experiment) -> str:
    return reverse("experiments:edit", kwargs={"slug": experiment.slug})


def signed_in(user, language: str = "en") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


def name(user) -> str:
    return user.get_full_name() or user.username


def opened_form(client, experiment) -> dict:
    """The form as its page was loaded: every field with the value it showed."""
    form = client.get(edit_url(experiment)).context["form"]
    data = {name: form[name].value() for name in form.fields}  # list sections come as lines
    return {name: "" if value is None else value for name, value in data.items()}


def test_the_second_save_is_refused_and_shows_both_texts(wheel):
    experiment = wheel["experiment"]
    mette, colleague = signed_in(wheel["member"]), signed_in(wheel["colleague"])
    mine, theirs = opened_form(mette, experiment), opened_form(colleague, experiment)

    first = mette.post(edit_url(experiment), mine | {"challenge": "Mettes udfordring"})
    second = colleague.post(
        edit_url(experiment),
        theirs | {"challenge": "Kollegaens udfordring", "findings": "Nyt fund"},
    )

    assert first.status_code == 302
    assert second.status_code == 409
    stored = reload(experiment)
    assert stored.challenge == "Mettes udfordring"
    assert stored.findings == ["Et fund"]
    assert len(experiment_changes(stored)) == 1
    page = second.content.decode()
    assert CONFLICT in page
    conflicts = {c["label"]: (c["theirs"], c["yours"]) for c in second.context["conflicts"]}
    assert conflicts == {
        "Challenge": ("Mettes udfordring", "Kollegaens udfordring"),
        "Findings": ("Et fund", "Nyt fund"),
    }
    assert '<td class="edit-old">Mettes udfordring</td>' in page
    assert '<td class="edit-new">Kollegaens udfordring</td>' in page
    assert ">\nKollegaens udfordring</textarea>" in page  # the unsaved text stays in the form


def test_saving_again_after_the_conflict_replaces_the_stored_text(wheel):
    experiment = wheel["experiment"]
    mette, colleague = signed_in(wheel["member"]), signed_in(wheel["colleague"])
    theirs = opened_form(colleague, experiment)
    mette.post(edit_url(experiment), opened_form(mette, experiment) | {"summary": "Mettes"})
    refused = colleague.post(edit_url(experiment), theirs | {"summary": "Kollegaens"})
    assert refused.status_code == 409

    again = dict(refused.context["form"].data.items())
    assert again["version"] != theirs["version"]
    response = colleague.post(edit_url(experiment), again)

    assert response.status_code == 302
    assert reload(experiment).summary == "Kollegaens"


def test_a_change_made_elsewhere_is_a_conflict_on_the_danish_page_too(wheel):
    experiment = wheel["experiment"]
    colleague = signed_in(wheel["colleague"], language="da")
    theirs = opened_form(colleague, experiment)
    services.experiment_update(experiment=experiment, by=wheel["member"], data={"summary": "Ny"})
    response = colleague.post(edit_url(experiment), theirs | {"summary": "Anden"})
    assert response.status_code == 409
    assert '<html lang="da"' in response.content.decode()
    assert reload(experiment).summary == "Ny"


def test_a_move_on_the_wheel_meanwhile_is_no_conflict(wheel):
    experiment = wheel["experiment"]
    mette = signed_in(wheel["member"])
    mine = opened_form(mette, experiment)
    services.experiment_launch(
        experiment=experiment, by=wheel["owner"], note="Afsæt", expected_phase="pre"
    )

    response = mette.post(edit_url(experiment), mine | {"hypothesis": "Hvis A, så B"})

    assert response.status_code == 302
    assert (reload(experiment).phase, reload(experiment).hypothesis) == ("design", "Hvis A, så B")


def test_a_team_changed_meanwhile_is_a_conflict_for_those_who_name_the_team(wheel):
    experiment = wheel["experiment"]
    owner = signed_in(wheel["owner"])
    form = opened_form(owner, experiment)
    services.team_set(
        experiment=experiment, users=[wheel["member"], wheel["outsider"]], by=wheel["admin"]
    )

    response = owner.post(edit_url(experiment), form | {"team": [wheel["member"].pk]})

    assert response.status_code == 409
    [conflict] = response.context["conflicts"]
    assert conflict["label"] == "Team"
    assert set(conflict["theirs"].split("\n")) == {name(wheel["member"]), name(wheel["outsider"])}
    assert conflict["yours"] == name(wheel["member"])
    team = set(experiment.memberships.values_list("user__username", flat=True))
    assert team == {"member", "outsider"}


def test_a_form_without_its_version_saves_nothing_and_comes_back_ready(wheel):
    experiment = wheel["experiment"]
    mette = signed_in(wheel["member"])
    data = opened_form(mette, experiment) | {"summary": "Uden version"}
    del data["version"]

    response = mette.post(edit_url(experiment), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "The form was incomplete or too old, so nothing was saved." in page
    assert reload(experiment).summary != "Uden version"
    again = dict(response.context["form"].data.items())
    assert mette.post(edit_url(experiment), again).status_code == 302
    assert reload(experiment).summary == "Uden version"


def test_the_service_refuses_a_stale_version_and_writes_nothing(wheel):
    experiment = wheel["experiment"]
    fields = ExperimentEditForm.SECTION_FIELDS
    opened = edit_version(experiment, fields, None)
    services.experiment_update(experiment=experiment, by=wheel["member"], data={"title": "Ny"})
    data = {name: getattr(reload(experiment), name) for name in fields} | {"summary": "Gammel"}

    with pytest.raises(StaleEdit) as caught:
        services.experiment_update(
            experiment=Experiment(pk=experiment.pk),
            by=wheel["colleague"],
            data=data,
            expected_version=opened,
        )

    assert caught.value.status == 409
    assert caught.value.current.title == "Ny"
    assert caught.value.version == edit_version(reload(experiment), fields, None)
    assert reload(experiment).summary == experiment.summary


@pytest.mark.parametrize("n", [1, 5])
def test_the_edit_page_runs_a_constant_number_of_queries(wheel, django_assert_num_queries, n):
    from tests.factories import TeamMembershipFactory

    experiment = wheel["experiment"]
    TeamMembershipFactory.create_batch(n, experiment=experiment)
    owner = signed_in(wheel["owner"])
    with django_assert_num_queries(QUERIES_EDIT):
        response = owner.get(edit_url(experiment))
    assert 'name="version"' in response.content.decode()
    assert len(response.context["form"].initial["team"]) == 2 + n


# The user, their groups, the experiment, its team (prefetched), the unread notifications
# and the people to choose from; the version is computed from what the page loads anyway.
QUERIES_EDIT = 6

"""Creating experiments (strategic level, admins) and editing their sections (team)."""

import uuid

import pytest
from django.urls import reverse

from experiments.editing import edit_version
from experiments.forms import ExperimentEditForm
from experiments.models import Experiment
from experiments.selectors import experiment_changes
from tests.factories import InstitutionFactory, TrackFactory

pytestmark = pytest.mark.django_db

CREATE = "/experiments/new/"


def edit_url(experiment):
    return reverse("experiments:edit", kwargs={"slug": experiment.slug})


@pytest.fixture
def track():
    return TrackFactory(title="Udforskende ledelse")


def create_data(track, /, **overrides):
    data = {
        "title": "Tre rum i praksis",
        "slug": "",
        "program": track.program.pk,
        "track": track.pk,
        "institution": InstitutionFactory().pk,
        "challenge": "Udfordring",
        "hypothesis": "Hvis X, så Y",
        "summary": "",
        "start_date": "2025-01-01",
        "end_date": "2025-06-30",
        "submission": str(uuid.uuid4()),
    }
    return data | overrides


def test_create_route_comes_before_the_slug_route():
    assert reverse("experiments:create") == CREATE


def test_strategic_level_creates_an_experiment_with_a_team(client_for, wheel, track):
    data = create_data(track, owner=wheel["owner"].pk, team=[wheel["member"].pk])
    response = client_for(wheel["strategic"]).post(CREATE, data)
    experiment = Experiment.objects.get(title="Tre rum i praksis")
    assert response.status_code == 302
    assert response["Location"] == experiment.get_absolute_url()
    assert experiment.slug == "tre-rum-i-praksis"
    assert (experiment.phase, experiment.owner, experiment.track) == ("pre", wheel["owner"], track)
    assert list(experiment.memberships.values_list("user", flat=True)) == [wheel["member"].pk]
    assert experiment.transitions.get().kind == "created"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"slug": "taget"}, "slug"),
        ({"slug": "new"}, "slug"),
        ({"end_date": "2024-01-01"}, "end_date"),
    ],
)
def test_create_refuses_bad_input_with_a_message(client_for, wheel, track, overrides, field):
    from tests.experiments.wheel_support import experiment_in

    experiment_in(slug="taget")
    before = Experiment.objects.count()
    response = client_for(wheel["admin"]).post(CREATE, create_data(track, **overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "form-error-message" in response.content.decode()
    assert Experiment.objects.count() == before


def test_track_must_belong_to_the_program(client_for, wheel, track):
    other = TrackFactory()
    response = client_for(wheel["admin"]).post(CREATE, create_data(track, track=other.pk))
    assert response.status_code == 400
    assert "track" in response.context["form"].errors


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_create_is_403_for_others(client_for, wheel, track, who):
    client = client_for(wheel[who])
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, create_data(track)).status_code == 403
    assert not Experiment.objects.filter(title="Tre rum i praksis").exists()


def opened_version(experiment, *, with_team: bool) -> str:
    """The version the edit form carries when opened now (with the team for those who name it)."""
    stored = Experiment.objects.get(pk=experiment.pk)
    team = list(stored.memberships.values_list("user_id", flat=True)) if with_team else None
    return edit_version(stored, ExperimentEditForm.SECTION_FIELDS, team)


def edit_data(experiment, **overrides):
    """The form as its page sends it; a form that names the team has "team" in `overrides`."""
    data = {
        "version": opened_version(experiment, with_team="team" in overrides),
        "title": experiment.title,
        "summary": experiment.summary,
        "challenge": experiment.challenge,
        "hypothesis": experiment.hypothesis,
        "actions": "\n".join(experiment.actions),
        "findings": "\n".join(experiment.findings),
        "conceptualisable_elements": "",
        "attention_points": "",
        "concept_phases": "",
        "start_date": "",
        "end_date": "",
    }
    return data | overrides


def test_team_member_edits_list_sections_one_item_per_line(client_for, wheel):
    experiment = wheel["experiment"]
    client = client_for(wheel["member"])
    page = client.get(edit_url(experiment)).content.decode()
    assert "Første aktion\nAnden aktion</textarea>" in page
    assert 'name="team"' not in page  # the team is named by the owner/strategic level
    data = edit_data(experiment, findings="  Fund et \n\n Fund to  \n", attention_points="Tid")
    response = client.post(edit_url(experiment), data)
    assert response.status_code == 302
    stored = Experiment.objects.get(pk=experiment.pk)
    assert stored.findings == ["Fund et", "Fund to"]
    assert stored.attention_points == ["Tid"]
    [edit] = experiment_changes(stored)
    assert edit.by == wheel["member"]
    assert {c.field for c in edit.changes} == {"findings", "attention_points"}


@pytest.mark.parametrize("who", ["owner", "track_owner"])
def test_owner_can_change_the_team(client_for, wheel, who):
    experiment = wheel["experiment"]
    assert 'name="team"' in client_for(wheel[who]).get(edit_url(experiment)).content.decode()
    data = edit_data(experiment, team=[wheel["member"].pk, wheel["outsider"].pk])
    response = client_for(wheel[who]).post(edit_url(experiment), data)
    assert response.status_code == 302
    assert set(experiment.memberships.values_list("user__username", flat=True)) == {
        "member",
        "outsider",
    }


@pytest.mark.parametrize("title", ["", "y" * 201])
def test_edit_refuses_a_bad_title(client_for, wheel, title):
    experiment = wheel["experiment"]
    response = client_for(wheel["member"]).post(
        edit_url(experiment), edit_data(experiment, title=title)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    assert Experiment.objects.get(pk=experiment.pk).title == experiment.title


@pytest.mark.parametrize("who", ["outsider", "strategic"])
def test_edit_is_403_for_others(client_for, wheel, who):
    experiment = wheel["experiment"]
    client = client_for(wheel[who])
    assert client.get(edit_url(experiment)).status_code == 403
    response = client.post(edit_url(experiment), edit_data(experiment, title="Kapret"))
    assert response.status_code == 403
    assert Experiment.objects.get(pk=experiment.pk).title != "Kapret"


def test_edit_unknown_slug_is_404(client_for, wheel):
    assert client_for(wheel["admin"]).get("/experiments/findes-ikke/edit/").status_code == 404


def test_admin_pages_for_administrators(client_for, wheel):
    client = client_for(wheel["admin"])
    for name in [
        "experiments_experiment",
        "organisation_track",
        "organisation_program",
        "organisation_institution",
        "experiments_phasetransition",
    ]:
        response = client.get(reverse(f"admin:{name}_changelist"))
        assert response.status_code == 200, name
    response = client.get(
        reverse("admin:experiments_experiment_change", args=[wheel["experiment"].pk])
    )
    assert response.status_code == 200
    assert wheel["member"].username in response.content.decode()
    history = client.get(
        reverse("admin:experiments_experiment_history", args=[wheel["experiment"].pk])
    )
    assert history.status_code == 200


@pytest.mark.parametrize("field", ["actions", "findings", "attention_points", "concept_phases"])
def test_a_nul_character_in_a_list_item_is_refused_and_nothing_changes(client_for, wheel, field):
    experiment = wheel["experiment"]
    before = Experiment.objects.get(pk=experiment.pk)
    response = client_for(wheel["member"]).post(
        edit_url(experiment), edit_data(experiment, **{field: "Første\nAn\x00den"})
    )
    assert response.status_code == 400  # the form again, with the error
    assert "Null-tegn er ikke tilladte" in response.content.decode()
    after = Experiment.objects.get(pk=experiment.pk)
    assert getattr(after, field) == getattr(before, field)


def test_texts_beyond_their_limits_are_refused_and_nothing_changes(client_for, wheel):
    from experiments.models import LIST_ITEM_MAX_LENGTH, LIST_MAX_ITEMS, SECTION_MAX_LENGTH

    experiment = wheel["experiment"]
    client = client_for(wheel["member"])
    for field, value in [
        ("summary", "a" * (SECTION_MAX_LENGTH + 1)),
        ("challenge", "[" * (SECTION_MAX_LENGTH + 1)),
        ("actions", "b" * (LIST_ITEM_MAX_LENGTH + 1)),
        ("findings", "\n".join(f"fund {n}" for n in range(LIST_MAX_ITEMS + 1))),
    ]:
        response = client.post(edit_url(experiment), edit_data(experiment, **{field: value}))
        assert response.status_code == 400, field
        stored = Experiment.objects.get(pk=experiment.pk)
        assert getattr(stored, field) == getattr(experiment, field), field


def test_the_database_refuses_a_section_beyond_its_limit(wheel):
    from django.db import IntegrityError, transaction

    from experiments.models import SECTION_MAX_LENGTH

    experiment = wheel["experiment"]
    experiment.summary = "a" * (SECTION_MAX_LENGTH + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        experiment.save(update_fields=["summary"])

"""The experiment pages' cached parts: the same for everyone, never stale after a write."""

import pickle

import pytest
from django.db import transaction
from django.urls import reverse

from experiments import services
from experiments.enums import Phase
from labportal.core import fragments
from tests.experiments.wheel_support import experiment_in
from tests.factories import ExperimentFactory, InstitutionFactory

LIST = reverse("experiments:list")


def detail(experiment) -> str:
    return reverse("experiments:detail", args=[experiment.slug])


def test_an_edit_shows_at_once_on_the_cached_page(client_for, wheel):
    experiment = wheel["experiment"]
    client = client_for(wheel["member"])
    client.get(detail(experiment))
    assert "Første udgave af resuméet" not in client.get(detail(experiment)).content.decode()

    services.experiment_update(
        experiment=experiment, by=wheel["member"], data={"summary": "Første udgave af resuméet"}
    )
    assert "Første udgave af resuméet" in client.get(detail(experiment)).content.decode()
    assert "Første udgave af resuméet" in client.get(LIST).content.decode()


def test_a_renamed_team_member_and_institution_show_at_once(client_for, wheel):
    experiment = wheel["experiment"]
    client = client_for(wheel["outsider"])
    client.get(detail(experiment))
    client.get(LIST)

    wheel["colleague"].first_name, wheel["colleague"].last_name = "Gunhild", "Holm"
    wheel["colleague"].save()
    experiment.institution.name = "Nyt Navn Gymnasium"
    experiment.institution.save()

    page = client.get(detail(experiment)).content.decode()
    assert "Gunhild Holm" in page
    assert "Nyt Navn Gymnasium" in page
    assert "Nyt Navn Gymnasium" in client.get(LIST).content.decode()


def test_a_new_experiment_and_a_move_on_the_wheel_show_at_once(client_for, wheel):
    client = client_for(wheel["strategic"])
    client.get(LIST)
    ExperimentFactory(title="Helt nyt eksperiment om feedback")
    assert "Helt nyt eksperiment om feedback" in client.get(LIST).content.decode()

    experiment = wheel["experiment"]
    client.get(detail(experiment))
    services.experiment_launch(
        experiment=experiment, by=wheel["track_owner"], note="Afsted", expected_phase=Phase.PRE
    )
    page = client.get(detail(experiment)).content.decode()
    assert "Afsted" in page  # the timeline


def test_a_sign_in_does_not_retire_the_cache(wheel):
    before = fragments.generation()
    wheel["member"].save(update_fields=["last_login"])
    assert fragments.generation() == before
    wheel["member"].save(update_fields=["first_name"])
    assert fragments.generation() != before


def test_what_is_personal_is_not_cached(client_for, wheel):
    """The outsider renders the page first; the team member still gets the edit button and
    the wheel's forms, and the outsider still does not."""
    experiment = experiment_in(Phase.ACTION, team=[wheel["member"]])
    edit_url = reverse("experiments:edit", args=[experiment.slug])
    advance_url = reverse("experiments:advance", args=[experiment.slug])

    outsider_page = client_for(wheel["outsider"]).get(detail(experiment)).content.decode()
    member_page = client_for(wheel["member"]).get(detail(experiment)).content.decode()
    outsider_again = client_for(wheel["outsider"]).get(detail(experiment)).content.decode()

    assert edit_url in member_page
    assert advance_url in member_page
    for page in (outsider_page, outsider_again):
        assert edit_url not in page
        assert advance_url not in page
        assert wheel["outsider"].get_full_name() in page  # the header's own name
    assert wheel["member"].get_full_name() in member_page


def test_each_language_has_its_own_parts(client, wheel, settings):
    experiment = wheel["experiment"]
    client.force_login(wheel["member"])
    heading = '<h2 id="sec-challenge">{}</h2>'
    assert heading.format("Udfordring") in client.get(detail(experiment)).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert heading.format("Challenge") in client.get(detail(experiment)).content.decode()


def test_an_unknown_slug_is_not_cached_as_anything(client_for, wheel):
    client = client_for(wheel["member"])
    assert client.get(reverse("experiments:detail", args=["findes-ikke"])).status_code == 404
    ExperimentFactory(slug="findes-ikke", title="Nu findes det")
    assert (
        "Nu findes det"
        in client.get(reverse("experiments:detail", args=["findes-ikke"])).content.decode()
    )


@pytest.mark.django_db(transaction=True)
def test_writes_in_a_transaction_retire_the_cache_again_at_commit(
    django_capture_on_commit_callbacks,
):
    """A page rendered between a write and its commit may have cached the old rows under the
    new generation: the commit moves the generation once more (once per transaction)."""
    institution = InstitutionFactory()
    start = fragments.generation()
    with transaction.atomic():
        institution.name = "Første"
        institution.save()
        institution.name = "Anden"
        institution.save()
        during = fragments.generation()
        assert during > start
    assert fragments.generation() == during + 1


def test_without_a_shared_cache_nothing_is_kept(settings):
    settings.FRAGMENT_CACHE = False
    built = []
    for _ in range(2):
        fragments.cached("probe", 1, build=lambda: built.append(1) or "x")
    assert len(built) == 2
    settings.FRAGMENT_CACHE = True
    for _ in range(2):
        fragments.cached("probe", 2, build=lambda: built.append(1) or "x")
    assert len(built) == 3


def test_a_transition_by_htmx_answers_with_the_new_timeline(client_for, wheel):
    phase = Phase.DESIGN
    experiment = experiment_in(phase, team=[wheel["member"]])
    client = client_for(wheel["member"])
    client.get(detail(experiment))
    response = client.post(
        reverse("experiments:advance", args=[experiment.slug]),
        {
            "advance-note": "Vi går i gang med handling",
            "advance-expected_phase": phase.value,
            "advance-to_phase": Phase.ACTION.value,
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Vi går i gang med handling" in response.content.decode()
    assert "Vi går i gang med handling" in client.get(detail(experiment)).content.decode()


def test_no_password_hash_is_kept_with_the_cached_page(client_for, wheel):
    experiment = wheel["experiment"]
    client_for(wheel["member"]).get(detail(experiment))
    parts = fragments.cached("experiment-page", experiment.slug, build=lambda: None)
    assert parts is not None  # the page put its parts in the cache
    stored = pickle.dumps(parts)
    for person in (wheel["owner"], wheel["member"], wheel["colleague"]):
        assert person.password.encode() not in stored


def test_a_cached_list_builds_no_filterset(client_for, wheel, monkeypatch):
    """Served from the cache, the list validates nothing: the FilterSet is built when the
    results are rendered, once per change and set of parameters."""
    from experiments import filters

    built = []
    original = filters.ExperimentFilter.__init__
    monkeypatch.setattr(
        filters.ExperimentFilter,
        "__init__",
        lambda self, *args, **kwargs: built.append(1) or original(self, *args, **kwargs),
    )
    client = client_for(wheel["member"])
    address = f"{LIST}?phase=pre&lab=findes-ikke"
    first = client.get(address).content.decode()
    after_first = len(built)
    second = client.get(address).content.decode()
    assert after_first >= 1
    assert len(built) == after_first
    for page in (first, second):  # the junk value's warning comes from the cache too
        assert "er ukendt og er ikke brugt" in page

"""The editor's step 3: the experiments that serve each sign, found with the program's picker."""

import pytest

from changetheory import services
from changetheory.models import SignExperiment
from tests.changetheory.pages_support import (  # noqa: F401 (world_fixture: a fixture)
    HTMX,
    add_sign,
    post,
    url,
    version_of,
    world_fixture,
)
from tests.factories import ExperimentFactory

# The wording is asserted in English: the Danish comes with the translation catalogue.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


# --- step 3: experiments -------------------------------------------------------------------


def test_the_picker_finds_experiments_of_the_program_only(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    sign = add_sign(world, "Tegn")
    ExperimentFactory(title="Tre rum i teori", track=world["track"])
    response = client.get(url("experiment_choices", theory, sign=sign.pk, q="tre rum"), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('name="experiment"') == 2
    assert "Tre rum i praksis" in html
    assert "Fremmed forsøg" not in html
    services.link_add(
        sign=sign,
        experiment=world["experiment"],
        by=world["owner"],
        expected_version=version_of(theory),
    )
    html = client.get(url("experiment_choices", theory, sign=sign.pk, q="tre"), **HTMX).content
    assert html.decode().count('name="experiment"') == 1  # the linked one is marked, not offered
    plain = client.get(url("experiment_choices", theory, sign=sign.pk, q="tre"))
    assert plain.status_code == 302
    page = client.get(plain["Location"]).content.decode()
    assert 'value="tre"' in page
    assert "Tre rum i teori</button>" in page  # the same, without JS


def test_linking_and_unlinking_an_experiment(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    sign = add_sign(world, "Tegn")
    experiment = world["experiment"]
    data = {
        "op": "add",
        "version": version_of(theory),
        "sign": sign.pk,
        "experiment": experiment.pk,
    }
    response = post(client, "edit_links", theory, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<div id="links-{sign.pk}"')
    assert "“Tre rum i praksis” now serves this sign." in html
    assert SignExperiment.objects.filter(sign=sign, experiment=experiment).exists()
    data = {
        "op": "remove",
        "version": version_of(theory),
        "sign": sign.pk,
        "experiment": experiment.pk,
    }
    assert post(client, "edit_links", theory, data).status_code == 200
    assert not SignExperiment.objects.exists()


def test_an_experiment_of_another_program_is_refused_with_the_message(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    sign = add_sign(world, "Tegn")
    data = {
        "op": "add",
        "version": version_of(theory),
        "sign": sign.pk,
        "experiment": world["foreign"].pk,
    }
    response = post(client, "edit_links", theory, data)
    assert response.status_code == 400
    assert "“Fremmed forsøg” belongs to another program" in response.content.decode()
    assert not SignExperiment.objects.exists()
    assert version_of(theory) == data["version"]


def test_linking_to_a_removed_sign_answers_with_all_of_step_three(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    sign, other = add_sign(world, "Væk"), add_sign(world, "Bliver")
    seen = version_of(theory)
    services.sign_delete(sign=sign, by=world["admin"], expected_version=seen)
    data = {"op": "add", "version": seen, "sign": sign.pk, "experiment": world["experiment"].pk}
    response = post(client, "edit_links", theory, data)
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#links"
    html = response.content.decode()
    assert f'id="links-{other.pk}"' in html
    assert f'id="links-{sign.pk}"' not in html

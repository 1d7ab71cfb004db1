"""The backward-design editor: each step saves on its own (htmx and plain POST), every save
hands the new version to the other forms, and every refusal keeps what the person wrote."""

import re

import pytest

from changetheory import services
from changetheory.models import ChangeTheory, Sign
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


# --- permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "status"),
    [("owner", 200), ("admin", 200), ("staff", 403), ("leader", 403), ("stranger", 403)],
)
def test_only_the_owner_and_administrators_open_the_editor(client_for, world, person, status):
    client = client_for(world[person])
    assert client.get(url("edit", world["theory"])).status_code == status
    response = post(
        client, "edit_practice", world["theory"], {"version": 1, "desired_practice": "Ny praksis"}
    )
    assert response.status_code == status
    expected = "Ny praksis" if status == 200 else ""
    assert ChangeTheory.objects.get().desired_practice == expected


@pytest.mark.parametrize("person", ["staff", "leader", "stranger"])
def test_readers_get_no_edit_button_and_editors_do(client_for, world, person):
    edit = url("edit", world["theory"])
    page = client_for(world[person]).get(url("detail", world["theory"])).content.decode()
    assert f'href="{edit}"' not in page
    page = client_for(world["owner"]).get(url("detail", world["theory"])).content.decode()
    assert f'href="{edit}"' in page


def test_a_track_theory_is_edited_by_the_track_owner_and_the_program_owner(client_for, world):
    from tests.factories import UserFactory

    track_owner = UserFactory(roles=["staff", "strategic"])
    world["track"].owner = track_owner
    world["track"].save()
    theory = services.theory_create(subject=world["track"], by=track_owner)
    for person in (track_owner, world["owner"]):
        assert client_for(person).get(url("edit", theory)).status_code == 200
    assert client_for(world["stranger"]).get(url("edit", theory)).status_code == 403


# --- step 1: the desired practice ----------------------------------------------------------


def test_step_one_saves_and_hands_the_new_version_to_every_form(client_for, world):
    client = client_for(world["owner"])
    page = client.get(url("edit", world["theory"])).content.decode()
    # practice, hypothesis, a new sign, a new item in each of the three lists
    assert page.count('class="theory-version theory-version-1"') == 6
    response = post(
        client,
        "edit_practice",
        world["theory"],
        {
            "version": 1,
            "desired_practice": "Ledere **sparrer**",
            "ambition": "",
            "challenge": "Silo",
        },
    )
    assert response.status_code == 200
    theory = ChangeTheory.objects.get()
    assert (theory.desired_practice, theory.challenge, theory.version) == (
        "Ledere **sparrer**",
        "Silo",
        2,
    )
    html = response.content.decode()
    assert html.startswith('\n<form id="practice"') or '<form id="practice"' in html
    assert 'hx-swap-oob="outerHTML:.theory-version-1"' in html
    assert re.search(
        r'<input type="hidden" name="version" value="2" class="[^"]*theory-version-2"', html
    )
    assert "Saved." in html
    assert response["X-Theory-Block"] == "1"
    # The findings box follows: the desired practice is no longer missing.
    assert 'id="editor-findings"' in html
    assert "The desired practice is not described." not in html


def test_a_stale_save_is_refused_with_both_texts_and_nothing_lost(client_for, world):
    theory, owner = world["theory"], world["owner"]
    services.theory_update(
        theory=theory, by=world["admin"], expected_version=1, desired_practice="Adminens tekst"
    )
    response = post(
        client_for(owner), "edit_practice", theory, {"version": 1, "desired_practice": "Min tekst"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Min tekst</textarea>" in html  # what the person typed, still in the field
    assert "Adminens tekst" in html  # what is saved now, next to it
    assert "Someone else changed this change theory after you opened it" in html
    assert 'value="2" class="theory-version theory-version-2"' in html  # save again knowingly
    assert "hx-swap-oob" not in html  # the other steps keep the version they showed
    assert ChangeTheory.objects.get().desired_practice == "Adminens tekst"
    again = post(
        client_for(owner), "edit_practice", theory, {"version": 2, "desired_practice": "Min tekst"}
    )
    assert again.status_code == 200
    assert ChangeTheory.objects.get().desired_practice == "Min tekst"


def test_bad_input_is_refused_in_the_form(client_for, world):
    client = client_for(world["owner"])
    response = post(
        client, "edit_practice", world["theory"], {"version": 1, "desired_practice": "a\x00b"}
    )
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()
    response = post(client, "edit_practice", world["theory"], {"desired_practice": "x"})
    assert response.status_code == 400
    assert "The form was out of date" in response.content.decode()
    response = post(
        client, "edit_practice", world["theory"], {"version": 1, "challenge": "x" * 20_001}
    )
    assert response.status_code == 400
    assert ChangeTheory.objects.get().version == 1


def test_without_javascript_a_save_redirects_and_a_refusal_shows_the_page(client_for, world):
    client = client_for(world["owner"])
    theory = world["theory"]
    response = post(
        client, "edit_practice", theory, {"version": 1, "desired_practice": "Uden JS"}, htmx=False
    )
    assert response.status_code == 302
    assert response["Location"] == url("edit", theory) + "#step-1"
    response = post(
        client, "edit_practice", theory, {"version": 1, "desired_practice": "Gammel"}, htmx=False
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert '<h1 id="editor-title">' in html  # the whole editor
    assert "Gammel</textarea>" in html
    assert "Uden JS" in html


# --- step 2: signs -------------------------------------------------------------------------


def test_signs_are_added_reworded_moved_and_deleted(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    for text in ("Første tegn", "Andet tegn", "Tredje tegn"):
        response = post(
            client, "edit_signs", theory, {"op": "add", "version": version_of(theory), "text": text}
        )
        assert response.status_code == 200
    html = response.content.decode()
    assert 'id="links" class="theory-block" hx-swap-oob="true"' in html  # step 3 follows
    first, second, third = Sign.objects.order_by("position")
    order = f"{first.pk},{second.pk},{third.pk}"
    response = post(
        client,
        "edit_signs",
        theory,
        {
            "op": "move",
            "version": version_of(theory),
            "sign": third.pk,
            "direction": "up",
            "order": order,
        },
    )
    assert response.status_code == 200
    assert [s.text for s in Sign.objects.order_by("position")] == [
        "Første tegn",
        "Tredje tegn",
        "Andet tegn",
    ]
    response = post(
        client,
        "edit_signs",
        theory,
        {"op": "update", "version": version_of(theory), "sign": first.pk, "text": "Nyt første"},
    )
    assert response.status_code == 200
    assert Sign.objects.get(pk=first.pk).text == "Nyt første"
    response = post(
        client,
        "edit_signs",
        theory,
        {"op": "delete", "version": version_of(theory), "sign": second.pk},
    )
    assert response.status_code == 200
    assert list(Sign.objects.values_list("text", flat=True).order_by("position")) == [
        "Nyt første",
        "Tredje tegn",
    ]


def test_an_empty_sign_is_refused(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    response = post(client, "edit_signs", theory, {"op": "add", "version": 1, "text": "   "})
    assert response.status_code == 400
    assert "Write the sign: it cannot be empty." in response.content.decode()
    sign = add_sign(world, "Et tegn")
    response = post(
        client,
        "edit_signs",
        theory,
        {"op": "update", "version": version_of(theory), "sign": sign.pk, "text": ""},
    )
    assert response.status_code == 400
    assert "Write the sign: it cannot be empty." in response.content.decode()
    assert list(Sign.objects.values_list("text", flat=True)) == ["Et tegn"]


def test_reordering_with_stale_positions_is_refused(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    first, second = add_sign(world, "Et"), add_sign(world, "To")
    seen = f"{first.pk},{second.pk}"
    add_sign(world, "Tre", by=world["admin"])  # meanwhile
    response = post(
        client,
        "edit_signs",
        theory,
        {
            "op": "move",
            "version": version_of(theory),
            "sign": second.pk,
            "direction": "up",
            "order": seen,
        },
    )
    assert response.status_code == 409
    assert "The signs changed while you were ordering them" in response.content.decode()
    assert [s.text for s in Sign.objects.order_by("position")] == ["Et", "To", "Tre"]


def test_a_stale_rewording_keeps_both_texts_and_a_removed_sign_keeps_the_text(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    sign = add_sign(world, "Original")
    seen = version_of(theory)
    services.sign_update(sign=sign, by=world["admin"], expected_version=seen, text="Adminens")
    response = post(
        client,
        "edit_signs",
        theory,
        {"op": "update", "version": seen, "sign": sign.pk, "text": "Mit"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Mit</textarea>" in html
    assert "Adminens" in html
    services.sign_delete(sign=sign, by=world["admin"], expected_version=version_of(theory))
    response = post(
        client,
        "edit_signs",
        theory,
        {"op": "update", "version": version_of(theory), "sign": sign.pk, "text": "Mit igen"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "This sign is no longer part of the change theory" in html
    assert "Mit igen" in html  # kept in the message


# --- steps 4 and 5: hypothesis and ordered lists -------------------------------------------


def test_the_hypothesis_and_the_lists_are_edited_item_by_item(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    response = post(
        client, "edit_hypothesis", theory, {"version": 1, "hypothesis": "Hvis vi ... så ..."}
    )
    assert response.status_code == 200
    for text in ("Tid", "Penge", "Folk"):
        data = {"version": version_of(theory), "field": "actions", "op": "add", "text": text}
        response = post(client, "edit_list", theory, data)
        assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<div id="list-actions"')
    data = {
        "version": version_of(theory),
        "field": "actions",
        "op": "up",
        "index": 2,
        "item": "Folk",
    }
    assert post(client, "edit_list", theory, data).status_code == 200
    data = {
        "version": version_of(theory),
        "field": "actions",
        "op": "remove",
        "index": 0,
        "item": "Tid",
    }
    assert post(client, "edit_list", theory, data).status_code == 200
    data = {"version": version_of(theory), "field": "effects_long", "op": "add", "text": "Kultur"}
    assert post(client, "edit_list", theory, data).status_code == 200
    theory = ChangeTheory.objects.get()
    assert theory.hypothesis == "Hvis vi ... så ..."
    assert theory.actions == ["Folk", "Penge"]
    assert theory.effects_long == ["Kultur"]


def test_a_list_changed_meanwhile_is_not_edited_and_the_typed_item_is_kept(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    services.theory_update(theory=theory, by=world["owner"], expected_version=1, actions=["A", "B"])
    data = {"version": 2, "field": "actions", "op": "remove", "index": 0, "item": "X"}
    response = post(client, "edit_list", theory, data)
    assert response.status_code == 409
    assert ChangeTheory.objects.get().actions == ["A", "B"]
    services.theory_update(theory=theory, by=world["admin"], expected_version=2, actions=["C"])
    data = {"version": 2, "field": "actions", "op": "add", "text": "Mit punkt"}
    response = post(client, "edit_list", theory, data)
    assert response.status_code == 409
    assert "Mit punkt</textarea>" in response.content.decode()
    data = {"version": 3, "field": "actions", "op": "add", "text": ""}
    response = post(client, "edit_list", theory, data)
    assert response.status_code == 400
    assert "Write the item: it cannot be empty." in response.content.decode()
    assert ChangeTheory.objects.get().actions == ["C"]


def test_an_unknown_list_or_change_is_a_bad_request(client_for, world):
    client, theory = client_for(world["owner"]), world["theory"]
    assert post(client, "edit_list", theory, {"version": 1, "field": "slug"}).status_code == 400
    assert post(client, "edit_signs", theory, {"version": 1, "op": "drop"}).status_code == 400
    assert post(client, "edit_links", theory, {"version": 1, "op": "x"}).status_code == 400
    assert ChangeTheory.objects.get().version == 1


# --- constant queries ----------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 20])
def test_the_editor_runs_a_constant_number_of_queries(
    client_for, world, n, django_assert_num_queries
):
    theory = world["theory"]
    for i in range(n):
        sign = add_sign(world, f"Tegn {i}")
        experiment = ExperimentFactory(track=world["track"])
        services.link_add(
            sign=sign, experiment=experiment, by=world["owner"], expected_version=version_of(theory)
        )
    client = client_for(world["owner"])
    client.get(url("edit", theory))  # warm up the session
    with django_assert_num_queries(QUERIES_EDITOR):
        response = client.get(url("edit", theory))
    assert response.content.decode().count('class="theory-sign-links"') == n


# user, groups, then selectors.theory_page: theory, signs, their experiments, the program's
# tracks, experiments serving no sign.
QUERIES_EDITOR = 7

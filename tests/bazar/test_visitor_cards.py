"""The interest card on the booth page: write, change, send twice, and every refusal or
malformed POST answered with a 4xx that changes nothing and keeps what was typed."""

import re
import uuid

import pytest
from django.urls import reverse

from bazar.models import InterestCard

from .conftest import set_status


def form_data(**fields):
    return {
        "visited": "on",
        "take_home": "Vi prøver tre rum på næste afdelingsmøde.",
        "commitment": "try",
        "submission": str(uuid.uuid4()),
        **fields,
    }


def token_in(html: str) -> str:
    return re.search(r'name="submission" value="([0-9a-f-]+)"', html).group(1)


@pytest.fixture
def running(make_bazar):
    return make_bazar("running")


def test_a_leader_writes_a_card_and_sees_it_in_the_form(client, people, running):
    _event, booths = running
    page = booths[0].get_absolute_url()
    client.force_login(people["leader"])
    token = token_in(client.get(page).content.decode())
    response = client.post(page, form_data(submission=token, commitment="implement"))
    assert response.status_code == 302
    assert response["Location"] == f"{page}#main"
    card = InterestCard.objects.get()
    assert (card.booth, card.visitor, card.commitment) == (booths[0], people["leader"], "implement")
    assert card.take_home == "Vi prøver tre rum på næste afdelingsmøde."
    assert card.submission == uuid.UUID(token)
    html = client.get(page).content.decode()
    assert "Vi prøver tre rum på næste afdelingsmøde." in html
    assert re.search(r'value="implement"[^>]*checked', html)
    assert 'class="alert alert-success"' in html
    assert token_in(html) != token  # a fresh token for the next save


def test_editing_changes_the_same_card(client, people, running):
    _event, booths = running
    page = booths[0].get_absolute_url()
    client.force_login(people["leader"])
    client.post(page, form_data())
    response = client.post(page, form_data(take_home="Noget andet", commitment="inspiration"))
    assert response.status_code == 302
    card = InterestCard.objects.get()
    assert (card.take_home, card.commitment) == ("Noget andet", "inspiration")


def test_the_same_form_sent_twice_makes_one_card(client, people, running):
    _event, booths = running
    page = booths[0].get_absolute_url()
    client.force_login(people["leader"])
    data = form_data()
    assert client.post(page, data).status_code == 302
    assert client.post(page, data).status_code == 302
    assert InterestCard.objects.count() == 1
    assert client.get(page).content.decode().count('class="alert alert-success"') == 1


def test_unticking_visited_is_kept(client, people, running):
    _event, booths = running
    client.force_login(people["leader"])
    data = form_data()
    del data["visited"]
    client.post(booths[0].get_absolute_url(), data)
    assert InterestCard.objects.get().visited is False


def test_line_breaks_count_as_one_character(client, people, running):
    _event, booths = running
    client.force_login(people["leader"])
    text = ("a" * 9 + "\r\n") * 200  # 2000 characters as the browser counts them
    response = client.post(booths[0].get_absolute_url(), form_data(take_home=text))
    assert response.status_code == 302
    assert len(InterestCard.objects.get().take_home) == 1999  # the last break stripped


@pytest.mark.parametrize(
    ("label", "fields", "status"),
    [
        ("too long", {"take_home": "x" * 2001}, 400),
        ("huge", {"take_home": "x" * 200_000}, 400),
        ("unknown commitment", {"commitment": "maybe"}, 400),
        ("no commitment", {"commitment": ""}, 400),
        ("bad token", {"submission": "not-a-uuid"}, 400),
        ("no token", {"submission": ""}, 400),
    ],
)
def test_bad_input_changes_nothing_and_keeps_the_text(
    client, people, running, label, fields, status
):
    _event, booths = running
    client.force_login(people["leader"])
    data = form_data(**({"take_home": "Min egen tekst"} | fields))
    response = client.post(booths[0].get_absolute_url(), data)
    assert response.status_code == status, label
    assert InterestCard.objects.count() == 0
    html = response.content.decode()
    assert 'class="alert alert-error"' in html
    if "take_home" not in fields:
        assert "Min egen tekst" in html


def test_an_empty_post_is_400(client, people, running):
    _event, booths = running
    client.force_login(people["leader"])
    response = client.post(booths[0].get_absolute_url(), {})
    assert response.status_code == 400
    assert InterestCard.objects.count() == 0


@pytest.mark.parametrize("role", ["staff", "administrator", "member"])
def test_people_not_invited_are_refused(client, people, running, role, in_english):
    _event, booths = running
    client.force_login(people[role])
    response = client.post(booths[0].get_absolute_url(), form_data(take_home="Kun et forsøg"))
    assert response.status_code == 400
    assert "Only people invited to the event can write interest cards." in response.content.decode()
    assert "Kun et forsøg" in response.content.decode()
    assert InterestCard.objects.count() == 0


@pytest.mark.parametrize("status", ["open", "closed", "follow_up"])
def test_cards_only_while_the_event_runs(client, people, make_bazar, status):
    _event, booths = make_bazar(status)
    client.force_login(people["leader"])
    response = client.post(booths[0].get_absolute_url(), form_data(take_home="For sent"))
    assert response.status_code == 409
    assert "For sent" in response.content.decode()
    assert InterestCard.objects.count() == 0


def test_a_closed_event_shows_the_card_read_only(client, people, running):
    event, booths = running
    page = booths[0].get_absolute_url()
    client.force_login(people["leader"])
    client.post(page, form_data(take_home="Gemt tekst"))
    set_status(event, "closed")
    html = client.get(page).content.decode()
    assert "Gemt tekst" in html
    assert 'name="submission"' not in html


def test_a_booth_of_another_event_is_the_missing_page(client, people, make_bazar):
    event, _booths = make_bazar("running")
    _other, others = make_bazar("running", title="Anden bazar", booths=3)
    client.force_login(people["leader"])
    page = reverse("bazar:booth", kwargs={"event": event.slug, "booth": others[2].slug})
    response = client.post(page, form_data())
    assert response.status_code == 404
    assert event.get_absolute_url() in response.content.decode()
    assert InterestCard.objects.count() == 0


def test_a_missing_booth_explains_and_links_to_the_event(client, people, running):
    event, _booths = running
    client.force_login(people["staff"])
    response = client.get(
        reverse("bazar:booth", kwargs={"event": event.slug, "booth": "gammel-stand"})
    )
    assert response.status_code == 404
    assert "bazar/booth_missing.html" in [t.name for t in response.templates]
    assert f'href="{event.get_absolute_url()}#booths"' in response.content.decode()


def test_a_missing_booth_of_an_invisible_event_is_a_plain_404(client, people, make_bazar):
    event, _ = make_bazar("planning")
    client.force_login(people["leader"])
    response = client.get(reverse("bazar:booth", kwargs={"event": event.slug, "booth": "x"}))
    assert response.status_code == 404
    assert "bazar/booth_missing.html" not in [t.name for t in response.templates]
    assert f'href="{event.get_absolute_url()}' not in response.content.decode()


def test_a_card_number_beyond_any_id_is_404(client, people, running):
    event, _booths = running
    client.force_login(people["leader"])
    huge = reverse("bazar:card", kwargs={"event": event.slug, "card_id": 10**30})
    assert client.get(huge).status_code == 404

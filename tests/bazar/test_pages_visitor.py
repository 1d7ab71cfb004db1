"""The visitors' bazar pages per role: the list of events, an event's page, the booth page
and the cards (query counts are in test_visitor_queries.py, the card form in
test_visitor_cards.py)."""

import pytest
from django.urls import reverse

from bazar import services
from bazar.models import PreRegistration

from .conftest import set_status

ROLES = ("administrator", "member", "leader", "teacher", "staff")


def url(name, **kwargs):
    return reverse(f"bazar:{name}", kwargs=kwargs)


# --- who sees what ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (
            "planning",
            {"administrator": 200, "member": 200, "leader": 404, "teacher": 404, "staff": 404},
        ),
        ("open", dict.fromkeys(ROLES, 200)),
        ("running", dict.fromkeys(ROLES, 200)),
        ("closed", dict.fromkeys(ROLES, 200)),
    ],
)
def test_event_and_booth_pages_per_role(client, people, make_bazar, status, expected):
    event, booths = make_bazar(status)
    for role in ROLES:
        client.force_login(people[role])
        for page in (url("event", slug=event.slug), booths[0].get_absolute_url()):
            assert client.get(page).status_code == expected[role], (role, page)
        assert client.get(url("my_cards", event=event.slug)).status_code == expected[role]


def test_people_without_a_role_see_nothing(client, people, make_bazar):
    event, booths = make_bazar("running")
    client.force_login(people["nobody"])
    assert client.get(url("index")).status_code == 403
    assert client.get(url("event", slug=event.slug)).status_code == 403
    assert client.get(booths[0].get_absolute_url()).status_code == 403


def test_anonymous_visitors_sign_in_and_come_back_to_the_booth(client, people, make_bazar):
    _event, booths = make_bazar("running")
    booth_url = booths[0].get_absolute_url()
    response = client.get(booth_url)
    login = reverse("accounts:login")
    assert response.status_code == 302
    assert response["Location"] == f"{login}?next={booth_url}"
    leader = people["leader"]
    leader.set_password("en-god-adgangskode")
    leader.save()
    signed_in = client.post(
        f"{login}?next={booth_url}",
        {"username": leader.username, "password": "en-god-adgangskode", "next": booth_url},
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"] == booth_url
    page = client.get(booth_url)
    assert page.status_code == 200
    assert 'name="commitment"' in page.content.decode()


def test_the_form_is_offered_to_attendees_while_the_event_runs(client, people, make_bazar):
    _event, booths = make_bazar("running")
    for role, offered in (
        ("leader", True),
        ("teacher", True),  # invited, not checked in: cards are for every invited person
        ("administrator", False),
        ("member", False),
        ("staff", False),
    ):
        client.force_login(people[role])
        html = client.get(booths[0].get_absolute_url()).content.decode()
        assert ('name="submission"' in html) is offered, role
        assert ('name="take_home"' in html) is offered, role


@pytest.mark.parametrize("status", ["open", "closed"])
def test_no_form_outside_the_running_event(client, people, make_bazar, status):
    _event, booths = make_bazar(status)
    client.force_login(people["leader"])
    html = client.get(booths[0].get_absolute_url()).content.decode()
    assert 'name="submission"' not in html


# --- the list of events ----------------------------------------------------------------------


def test_index_is_honest_when_there_is_nothing(client, people, in_english):
    client.force_login(people["staff"])
    html = client.get(url("index")).content.decode()
    assert "There are no bazar events for you to see." in html
    assert "not built yet" not in html


def test_index_lists_what_each_person_can_do(client, people, make_bazar, in_english):
    event, booths = make_bazar("running")
    services.card_submit(
        event=event, booth=booths[0], visitor=people["leader"], commitment="try", take_home=""
    )
    client.force_login(people["leader"])
    html = client.get(url("index")).content.decode()
    assert event.get_absolute_url() in html
    assert "You are invited" in html
    assert "Write interest cards" in html
    assert "1 interest card" in html
    assert url("my_cards", event=event.slug) in html
    client.force_login(people["staff"])
    html = client.get(url("index")).content.decode()
    assert event.get_absolute_url() in html
    assert "Write interest cards" not in html
    assert "You are invited" not in html


def test_index_hides_events_in_planning_from_visitors(client, people, make_bazar):
    event, _ = make_bazar("planning")
    client.force_login(people["leader"])
    assert event.get_absolute_url() not in client.get(url("index")).content.decode()
    client.force_login(people["member"])
    assert event.get_absolute_url() in client.get(url("index")).content.decode()


# --- the event page --------------------------------------------------------------------------


def test_event_page_shows_programme_booths_and_themes(client, people, make_bazar, in_english):
    event, booths = make_bazar(
        "running", booths=3, themes=2, description="**Velkommen** <script>x</script>"
    )
    client.force_login(people["leader"])
    html = client.get(url("event", slug=event.slug)).content.decode()
    assert "<strong>Velkommen</strong>" in html
    assert "<script>x" not in html
    assert "Tema 0" in html
    assert "Tema 1" in html
    for booth in booths:
        assert f'id="booth-{booth.slug}"' in html
        assert booth.experiment.get_absolute_url() in html
        assert f'href="#booth-{booth.slug}"' in html  # in the programme
    assert html.count("Write your card") == 3
    assert url("my_cards", event=event.slug) in html


def test_event_page_shows_the_card_state(client, people, make_bazar, in_english):
    event, booths = make_bazar("running")
    services.card_submit(
        event=event, booth=booths[1], visitor=people["leader"], commitment="implement", take_home=""
    )
    client.force_login(people["leader"])
    html = client.get(url("event", slug=event.slug)).content.decode()
    assert html.count("Change your card") == 1
    assert html.count("Write your card") == 1
    assert "Will implement it" in html


def test_closed_event_says_the_cards_are_kept(client, people, make_bazar, in_english):
    event, _booths = make_bazar("closed")
    client.force_login(people["leader"])
    html = client.get(url("event", slug=event.slug)).content.decode()
    assert "The bazar is over. Your interest cards are saved." in html
    assert "Write your card" not in html


def test_pre_registration_toggles_while_open(client, people, make_bazar):
    event, booths = make_bazar("open")
    client.force_login(people["leader"])
    target = url("pre_register", event=event.slug, booth=booths[0].slug)
    html = client.get(url("event", slug=event.slug)).content.decode()
    assert target in html
    response = client.post(target, {"wanted": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{event.get_absolute_url()}#booth-{booths[0].slug}"
    assert (
        PreRegistration.objects.filter(booth=booths[0], attendee__user=people["leader"]).count()
        == 1
    )
    client.post(target, {"wanted": "1"})
    assert PreRegistration.objects.count() == 1
    assert client.post(target, {"wanted": "0"}).status_code == 302
    assert PreRegistration.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "status", "data", "expected"),
    [
        ("staff", "open", {"wanted": "1"}, 400),  # not invited
        ("leader", "running", {"wanted": "1"}, 409),  # too late
        ("leader", "open", {}, 400),
        ("leader", "open", {"wanted": "ja"}, 400),
    ],
)
def test_pre_registration_refusals_change_nothing(
    client, people, make_bazar, role, status, data, expected
):
    event, booths = make_bazar(status)
    client.force_login(people[role])
    response = client.post(url("pre_register", event=event.slug, booth=booths[0].slug), data)
    assert response.status_code == expected
    assert PreRegistration.objects.count() == 0


def test_pre_registration_for_an_unknown_booth_is_404(client, people, make_bazar):
    event, _ = make_bazar("open")
    client.force_login(people["leader"])
    response = client.post(
        url("pre_register", event=event.slug, booth="findes-ikke"), {"wanted": "1"}
    )
    assert response.status_code == 404
    assert PreRegistration.objects.count() == 0


# --- my cards --------------------------------------------------------------------------------


def test_my_cards_lists_only_my_own(client, people, make_bazar):
    event, booths = make_bazar("running")
    mine, _ = services.card_submit(
        event=event,
        booth=booths[0],
        visitor=people["leader"],
        commitment="try",
        take_home="Min tekst",
    )
    services.card_submit(
        event=event,
        booth=booths[1],
        visitor=people["teacher"],
        commitment="try",
        take_home="Lærerens tekst",
    )
    client.force_login(people["leader"])
    html = client.get(url("my_cards", event=event.slug)).content.decode()
    assert "Min tekst" in html
    assert "Lærerens tekst" not in html
    assert url("card", event=event.slug, card_id=mine.pk) in html
    assert f"{booths[0].get_absolute_url()}#card" in html


def test_a_card_is_404_for_anyone_but_its_writer(client, people, make_bazar):
    event, booths = make_bazar("running")
    theirs, _ = services.card_submit(
        event=event,
        booth=booths[0],
        visitor=people["teacher"],
        commitment="try",
        take_home="Hemmeligt",
    )
    card_url = url("card", event=event.slug, card_id=theirs.pk)
    for role in ("leader", "administrator", "member", "staff"):
        client.force_login(people[role])
        response = client.get(card_url)
        assert response.status_code == 404, role
        assert "Hemmeligt" not in response.content.decode()
    client.force_login(people["teacher"])
    response = client.get(card_url)
    assert response.status_code == 200
    assert "Hemmeligt" in response.content.decode()
    assert f"{booths[0].get_absolute_url()}#card" in response.content.decode()


def test_a_card_under_another_events_slug_is_404(client, people, make_bazar):
    event, booths = make_bazar("running")
    other, _ = make_bazar("running", title="Anden bazar")
    card, _ = services.card_submit(
        event=event, booth=booths[0], visitor=people["leader"], commitment="try", take_home=""
    )
    client.force_login(people["leader"])
    assert client.get(url("card", event=other.slug, card_id=card.pk)).status_code == 404


def test_booths_link_their_fact_sheet_when_one_is_made(client, people, make_bazar):
    from django.utils import timezone

    from concepts.models import Publication

    event, booths = make_bazar("running")
    with_sheet = booths[0]
    sheet = Publication.objects.create(
        kind="fact_sheet",
        experiment=with_sheet.experiment,
        requested_by=people["administrator"],
        pdf="publications/faktaark.pdf",
        built_at=timezone.now(),
    )
    sheet_url = reverse("concepts:publication_download", kwargs={"pk": sheet.pk})
    client.force_login(people["leader"])
    event_html = client.get(url("event", slug=event.slug)).content.decode()
    assert event_html.count(sheet_url) == 1
    assert booths[1].experiment.get_absolute_url() in event_html
    assert sheet_url in client.get(with_sheet.get_absolute_url()).content.decode()
    assert sheet_url not in client.get(booths[1].get_absolute_url()).content.decode()


def test_a_booth_without_an_experiment_has_its_own_page(client, people, make_event):
    event = make_event("open")
    booth = services.booth_add(
        event=event, by=people["administrator"], title="Bazarens café", summary="*Kaffe*"
    )
    set_status(event, "running")
    client.force_login(people["leader"])
    assert client.get(url("event", slug=event.slug)).status_code == 200
    response = client.get(booth.get_absolute_url())
    assert response.status_code == 200
    assert "<em>Kaffe</em>" in response.content.decode()
    assert 'name="commitment"' in response.content.decode()

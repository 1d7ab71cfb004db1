"""Setting an event up from the organisers' pages: booths, themes, fact sheets, pitch rounds
and slots, the printable programme, the QR signs and the QR file."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bazar import services
from bazar.enums import Commitment, EventStatus, RoundKind
from bazar.models import Booth, PitchRound, PitchSlot, Theme
from concepts.enums import PublicationKind
from concepts.models import Publication
from experiments.enums import Phase
from tests.bazar.conftest import set_status
from tests.factories import ExperimentFactory

T = datetime.time


def url(name: str, event, **kwargs) -> str:
    return reverse(f"bazar:{name}", kwargs={"event": event.slug, **kwargs})


def add_booths(event, by, n: int) -> list[Booth]:
    return [services.booth_add(event=event, by=by, title=f"Stand {i}") for i in range(n)]


# --- booths -------------------------------------------------------------------------------


def test_adding_a_booth_for_an_experiment_takes_its_title(event, people, client_for):
    experiment = ExperimentFactory(title="Tre rum", phase=Phase.CONCEPT)
    response = client_for(people["member"]).post(
        url("booths", event), {"experiment": experiment.pk, "title": "", "summary": ""}
    )
    booth = event.booths.get()
    assert response.status_code == 302
    assert (booth.title, booth.experiment) == ("Tre rum", experiment)


def test_adding_a_project_booth(event, people, client_for):
    theme = services.theme_add(event=event, by=people["member"], title="Trivsel")
    response = client_for(people["member"]).post(
        url("booths", event), {"title": "Makerspace", "summary": "Et rum", "theme": theme.pk}
    )
    booth = event.booths.get()
    assert response.status_code == 302
    assert (booth.title, booth.summary, booth.theme) == ("Makerspace", "Et rum", theme)


def test_a_booth_without_title_or_experiment_is_refused(event, people, client_for):
    response = client_for(people["member"]).post(url("booths", event), {"title": " "})
    assert response.status_code == 400
    assert not event.booths.exists()


def test_an_experiment_twice_is_refused_with_the_service_message(
    event, people, client_for, in_english
):
    experiment = ExperimentFactory(title="Tre rum")
    services.booth_add(event=event, by=people["member"], experiment=experiment)
    response = client_for(people["member"]).post(
        url("booths", event), {"experiment": experiment.pk}
    )
    assert response.status_code == 400
    assert "already has a booth" in response.content.decode()
    assert event.booths.count() == 1


def test_the_experiment_select_lists_late_phases_first(event, people, client_for):
    ExperimentFactory(title="Aaa tidlig", phase=Phase.PRE)
    ExperimentFactory(title="Zzz sen", phase=Phase.IMPLEMENTATION)
    form = client_for(people["member"]).get(url("booths", event)).context["add_form"]
    titles = [e.title for e in form.fields["experiment"].queryset]
    assert titles == ["Zzz sen", "Aaa tidlig"]


def test_editing_a_booth(event, people, client_for):
    booth = services.booth_add(event=event, by=people["member"], title="Gammel")
    theme = services.theme_add(event=event, by=people["member"], title="Ledelse")
    response = client_for(people["member"]).post(
        url("booth_edit", event, booth=booth.slug),
        {
            "title": "Ny",
            "summary": "",
            "theme": theme.pk,
            "order": "7",
            "hosts": [people["teacher"].pk],
        },
    )
    booth.refresh_from_db()
    assert response.status_code == 302
    assert (booth.title, booth.theme, booth.order, booth.slug) == ("Ny", theme, 7, "gammel")
    assert list(booth.hosts.all()) == [people["teacher"]]


def test_a_theme_of_another_event_is_refused(make_event, people, client_for):
    event, other = make_event(), make_event(title="Anden")
    booth = services.booth_add(event=event, by=people["administrator"], title="Stand")
    foreign = services.theme_add(event=other, by=people["administrator"], title="Fremmed")
    response = client_for(people["administrator"]).post(
        url("booth_edit", event, booth=booth.slug),
        {"title": "Stand", "theme": foreign.pk, "order": "1"},
    )
    assert response.status_code == 400
    booth.refresh_from_db()
    assert booth.theme is None


def test_removing_a_booth_with_cards_is_refused(make_event, people, client_for, in_english):
    event = make_event()
    booth = services.booth_add(event=event, by=people["administrator"], title="Stand")
    set_status(event, EventStatus.RUNNING)
    services.card_submit(
        event=event, booth=booth, visitor=people["leader"], commitment=Commitment.TRY, take_home=""
    )
    set_status(event, EventStatus.OPEN)
    response = client_for(people["member"]).post(url("booth_remove", event, booth=booth.slug))
    assert response.status_code == 400
    assert "has interest cards" in response.content.decode()
    assert Booth.objects.filter(pk=booth.pk).exists()


def test_removing_a_booth(event, people, client_for):
    booth = services.booth_add(event=event, by=people["administrator"], title="Stand")
    response = client_for(people["member"]).post(url("booth_remove", event, booth=booth.slug))
    assert response.status_code == 302
    assert not Booth.objects.filter(pk=booth.pk).exists()


def test_another_events_booth_is_404(make_event, people, client_for):
    event, other = make_event(), make_event(title="Anden")
    booth = services.booth_add(event=other, by=people["administrator"], title="Fremmed")
    client = client_for(people["administrator"])
    assert client.post(url("booth_remove", event, booth=booth.slug)).status_code == 404
    assert client.get(url("booth_edit", event, booth=booth.slug)).status_code == 404
    assert client.get(url("booth_qr", event, booth=booth.slug)).status_code == 404
    assert Booth.objects.filter(pk=booth.pk).exists()


def test_booths_cannot_change_once_the_event_runs(make_event, people, client_for):
    event = make_event()
    booth = services.booth_add(event=event, by=people["administrator"], title="Stand")
    set_status(event, EventStatus.RUNNING)
    client = client_for(people["member"])
    page = client.get(url("booths", event)).content.decode()
    assert url("booth_remove", event, booth=booth.slug) not in page
    assert client.post(url("booths", event), {"title": "Ny"}).status_code == 409
    assert client.post(url("booth_remove", event, booth=booth.slug)).status_code == 409
    assert event.booths.count() == 1


def test_themes_are_added_and_removed(event, people, client_for):
    client = client_for(people["member"])
    assert client.post(url("theme_add", event), {"title": "Trivsel"}).status_code == 302
    theme = Theme.objects.get(event=event)
    assert client.post(url("theme_add", event), {"title": "Trivsel"}).status_code == 400
    assert client.post(url("theme_remove", event, theme=theme.pk)).status_code == 302
    assert not Theme.objects.exists()


# --- fact sheets --------------------------------------------------------------------------


def test_an_administrator_asks_for_every_booths_fact_sheet(event, people, client_for):
    experiments = [ExperimentFactory(title=t) for t in ("A", "B")]
    for experiment in experiments:
        services.booth_add(event=event, by=people["administrator"], experiment=experiment)
    services.booth_add(event=event, by=people["administrator"], title="Projekt")
    client = client_for(people["administrator"])
    response = client.post(url("booth_fact_sheets", event))
    assert response.status_code == 302
    made = Publication.objects.filter(kind=PublicationKind.FACT_SHEET)
    assert {p.experiment_id for p in made} == {e.pk for e in experiments}
    client.post(url("booth_fact_sheets", event))  # still being made: not asked again
    assert made.count() == 2
    page = client.get(url("booths", event))
    booths = page.context["booths"]
    assert [bool(b.fact_sheet and b.fact_sheet.pending) for b in booths] == [True, True, False]
    assert url("booth_fact_sheets", event) in page.content.decode()


def test_organisers_who_are_not_administrators_see_no_fact_sheet_button(event, people, client_for):
    services.booth_add(event=event, by=people["administrator"], experiment=ExperimentFactory())
    client = client_for(people["member"])
    assert url("booth_fact_sheets", event) not in client.get(url("booths", event)).content.decode()
    assert client.post(url("booth_fact_sheets", event)).status_code == 403
    assert not Publication.objects.exists()


# --- rounds and slots ---------------------------------------------------------------------


def test_rounds_and_slots(event, people, client_for):
    booths = add_booths(event, people["administrator"], 3)
    client = client_for(people["member"])
    response = client.post(
        url("rounds", event), {"kind": RoundKind.ROUND_1, "starts_at": "09:30", "ends_at": "10:00"}
    )
    assert response.status_code == 302
    pitch_round = PitchRound.objects.get(event=event)
    for booth in booths:
        client.post(url("slot_add", event, round=pitch_round.pk), {"booth": booth.pk})
    slots = list(pitch_round.slots.order_by("order"))
    assert [s.booth for s in slots] == booths
    client.post(url("slot_move", event, slot=slots[2].pk), {"direction": "up"})
    assert [s.booth for s in pitch_round.slots.order_by("order")] == [
        booths[0],
        booths[2],
        booths[1],
    ]
    client.post(url("slot_time", event, slot=slots[0].pk), {"starts_at": "09:35"})
    slots[0].refresh_from_db()
    assert slots[0].starts_at == T(9, 35)
    client.post(url("slot_remove", event, slot=slots[1].pk))
    assert pitch_round.slots.count() == 2
    page = client.get(url("programme", event)).content.decode()
    assert "Stand 0" in page
    assert "09:35" in page
    assert "Stand 1" not in page


def test_rounds_are_reordered_and_removed(event, people, client_for):
    by = people["administrator"]
    first = services.round_add(
        event=event, by=by, kind=RoundKind.ROUND_1, starts_at=T(9), ends_at=T(10)
    )
    second = services.round_add(
        event=event, by=by, kind=RoundKind.SHOPPING, starts_at=T(10), ends_at=T(11)
    )
    client = client_for(people["member"])
    client.post(url("round_move", event, round=second.pk), {"direction": "up"})
    assert list(event.rounds.order_by("order")) == [second, first]
    assert client.post(url("round_remove", event, round=first.pk)).status_code == 302
    assert list(event.rounds.all()) == [second]


def test_a_round_that_ends_before_it_starts_is_refused(event, people, client_for):
    response = client_for(people["member"]).post(
        url("rounds", event), {"kind": RoundKind.ROUND_1, "starts_at": "10:00", "ends_at": "09:00"}
    )
    assert response.status_code == 400
    assert not PitchRound.objects.exists()


def test_slots_refuse_other_events_booths_and_bad_ids(make_event, people, client_for):
    event, other = make_event(), make_event(title="Anden")
    by = people["administrator"]
    pitch_round = services.round_add(
        event=event, by=by, kind=RoundKind.ROUND_1, starts_at=T(9), ends_at=T(10)
    )
    foreign = services.booth_add(event=other, by=by, title="Fremmed")
    foreign_round = services.round_add(
        event=other, by=by, kind=RoundKind.ROUND_1, starts_at=T(9), ends_at=T(10)
    )
    foreign_slot = services.slot_add(round=foreign_round, by=by, booth=foreign)
    client = client_for(people["member"])
    assert (
        client.post(url("slot_add", event, round=pitch_round.pk), {"booth": foreign.pk}).status_code
        == 400
    )
    assert client.post(url("slot_add", event, round=foreign_round.pk), {}).status_code == 404
    assert client.post(url("slot_remove", event, slot=foreign_slot.pk)).status_code == 404
    assert (
        client.post(url("round_move", event, round=pitch_round.pk), {"direction": "x"}).status_code
        == 400
    )
    assert PitchSlot.objects.count() == 1


# --- signs and the QR file ----------------------------------------------------------------


def test_the_signs_show_a_qr_code_of_each_booths_address(event, people, client_for, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.dk"
    booths = add_booths(event, people["administrator"], 2)
    page = client_for(people["member"]).get(url("signs", event)).content.decode()
    for booth in booths:
        address = "https://portal.example.dk" + reverse(
            "bazar:booth", kwargs={"event": event.slug, "booth": booth.slug}
        )
        assert address in page
    assert page.count('class="booth-qr-code"') == 2


def test_the_qr_file_is_an_svg(event, people, client_for):
    booth = add_booths(event, people["administrator"], 1)[0]
    response = client_for(people["member"]).get(url("booth_qr", event, booth=booth.slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content
    assert booth.slug in response["Content-Disposition"]


# --- constant queries ---------------------------------------------------------------------


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["booths", "rounds", "programme", "signs", "organise"])
def test_setup_pages_run_a_constant_number_of_queries(make_event, people, client_for, name):
    counts = []
    for n in (2, 20):
        event = make_event(title=f"Bazar {n}")
        by = people["administrator"]
        booths = [
            services.booth_add(event=event, by=by, experiment=ExperimentFactory()) for _ in range(n)
        ]
        pitch_round = services.round_add(
            event=event, by=by, kind=RoundKind.ROUND_1, starts_at=T(9), ends_at=T(10)
        )
        for booth in booths:
            services.slot_add(round=pitch_round, by=by, booth=booth)
        client = client_for(people["administrator"])
        _queries(client, url(name, event))  # warm the session and the caches
        counts.append(_queries(client, url(name, event)))
    assert counts[0] == counts[1]

"""The bazar's section of "labportal/1": export -> empty portal -> import -> export gives the
same text; importing twice creates nothing twice; bad input is refused with its place named
and nothing written."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from bazar import services
from bazar.enums import Commitment, EventStatus, PersonRole, RoundKind
from bazar.models import (
    Attendee,
    BazarEvent,
    Booth,
    EventStatusChange,
    InterestCard,
    PitchRound,
    PitchSlot,
    PreRegistration,
    Theme,
    WorkingGroupMember,
)
from labportal.accounts.models import User
from tests.bazar.conftest import set_status
from tests.factories import ExperimentFactory
from tests.portability.helpers import export_json, export_text, wipe_portal

pytestmark = pytest.mark.django_db

BAZAR_MODELS = (
    InterestCard,
    PreRegistration,
    Attendee,
    PitchSlot,
    PitchRound,
    Booth,
    Theme,
    WorkingGroupMember,
    EventStatusChange,
    BazarEvent,
)


@pytest.fixture(autouse=True)
def _assertions_read_english(in_english):
    """The refusals are asserted in English."""


def wipe():
    """The portal empty: the bazar's rows first (they protect people and educations)."""
    for model in BAZAR_MODELS:
        model.objects.all().delete()
    wipe_portal()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (*BAZAR_MODELS, User)}


def _import(data, tmp_path) -> None:
    path = tmp_path / "portal.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    call_command("import_portal", str(path), stdout=io.StringIO())


@pytest.fixture
def full_event(make_event, people, educations):
    """An event that has been through planning, open and running, with every kind of row."""
    admin = people["administrator"]
    event = make_event()
    services.working_group_add(
        event=event, by=admin, user=people["staff"], role=PersonRole.LEADER, education=educations[2]
    )
    theme = services.theme_add(event=event, by=admin, title="Ledelse")
    services.theme_add(event=event, by=admin, title="Samarbejde")
    booths = []
    for n in (1, 2):
        experiment = ExperimentFactory(slug=f"eksperiment-{n}", title=f"Eksperiment {n}")
        booth = Booth.objects.create(
            event=event,
            slug=f"bod-{n}",
            experiment=experiment if n == 1 else None,
            title=f"Bod {n} – æøå",
            summary="Kort om boden",
            theme=theme if n == 1 else None,
            order=n,
        )
        booth.hosts.set([people["member"], people["staff"]] if n == 1 else [people["staff"]])
        booths.append(booth)
    first = PitchRound.objects.create(
        event=event, kind=RoundKind.ROUND_1, theme=theme, starts_at="09:30", ends_at="10:15"
    )
    PitchSlot.objects.create(round=first, booth=booths[1], order=1, starts_at="09:30")
    PitchSlot.objects.create(round=first, booth=booths[0], order=2)
    PitchRound.objects.create(
        event=event, kind=RoundKind.SHOPPING, starts_at="10:15", ends_at="11:00", order=2
    )
    services.event_move(event=event, by=admin, to_status=EventStatus.OPEN)
    services.pre_register(event=event, user=people["leader"], booth=booths[0], wanted=True)
    leader = event.attendees.get(user=people["leader"])
    services.attendee_invitation_sent(attendee=leader, at=dt.datetime(2030, 4, 1, 8, tzinfo=dt.UTC))
    services.event_move(event=event, by=people["member"], to_status=EventStatus.RUNNING)
    services.attendee_check_in(event=event, by=admin, attendee=leader, present=True)
    for booth, commitment, text in (
        (booths[0], Commitment.IMPLEMENT, "Faste makkerpar – også i praktikken"),
        (booths[1], Commitment.INSPIRATION, ""),
    ):
        services.card_submit(
            event=event,
            booth=booth,
            visitor=people["leader"],
            commitment=commitment,
            take_home=text,
        )
    services.card_submit(
        event=event,
        booth=booths[0],
        visitor=people["teacher"],
        commitment=Commitment.TRY,
        take_home="Prøver det i 2. semester",
        visited=False,
    )
    return event


def test_the_contract_keys_are_there(full_event):
    [row] = export_json()["bazar_events"]
    assert row["slug"] == full_event.slug
    assert (row["date"], row["status"]) == ("2030-05-01", "running")
    assert sorted(row["working_group"]) == sorted(
        m.user.username for m in full_event.working_group.all()
    )
    booth = row["booths"][0]
    assert booth["experiment"] == "eksperiment-1"
    assert len(booth["hosts"]) == 2
    assert row["booths"][1]["experiment"] is None
    attendee = next(a for a in row["attendees"] if a["checked_in"])
    assert attendee["education"] == f"{full_event.institutions.order_by('slug')[0].slug}/bio" or (
        attendee["education"].endswith("/bio")
    )
    assert attendee["role"] == "leader"
    assert attendee["pre_registrations"] == ["bod-1"]
    assert attendee["invited_at"] == "2030-04-01T08:00:00+00:00"
    cards = row["interest_cards"]
    assert len(cards) == 3
    assert {"visitor", "booth", "commitment", "take_home"} <= set(cards[0])
    assert [h["to"] for h in row["status_history"]] == ["open", "running"]
    assert [r["kind"] for r in row["rounds"]] == ["round_1", "shopping"]
    assert [s["booth"] for s in row["rounds"][0]["slots"]] == ["bod-2", "bod-1"]


def test_export_import_export_is_the_same_and_twice_creates_nothing(full_event, tmp_path):
    before = export_text()
    wanted = counts()
    wipe()
    assert BazarEvent.objects.count() == 0
    _import(before, tmp_path)
    assert export_text() == before
    after = counts()
    assert after.pop("User") == wanted.pop("User") - 1  # "nobody" is in no list
    assert after == wanted
    users = User.objects.count()
    _import(before, tmp_path)  # twice: nothing twice
    assert counts() == {**after, "User": users}
    assert export_text() == before


def test_a_file_with_only_the_contract_keys_imports(full_event, tmp_path, people):
    data = export_json()
    row = data["bazar_events"][0]
    keep = {"slug", "title", "date", "status", "working_group", "booths", "attendees"}
    minimal = {key: row[key] for key in keep} | {
        "slug": "kun-kontrakten",
        "interest_cards": [
            {k: c[k] for k in ("visitor", "booth", "commitment", "take_home")}
            for c in row["interest_cards"]
        ],
        "booths": [{"experiment": b["experiment"], "hosts": b["hosts"]} for b in row["booths"][:1]],
    }
    minimal["interest_cards"] = [c for c in minimal["interest_cards"] if c["booth"] == "bod-1"]
    for c in minimal["interest_cards"]:
        c["booth"] = "eksperiment-1"  # a booth without a slug is named by its experiment
    for a in minimal["attendees"]:
        a.pop("pre_registrations")
    data["bazar_events"].append(minimal)
    _import(data, tmp_path)
    event = BazarEvent.objects.get(slug="kun-kontrakten")
    assert event.booths.get().title == "Eksperiment 1"
    assert event.working_group.count() == len(row["working_group"])
    assert InterestCard.objects.filter(booth__event=event).count() == 2
    assert (event.start_time, event.end_time) == (dt.time(9), dt.time(16))


def test_a_changed_file_updates_and_the_file_is_the_truth_for_themes_and_hosts(
    full_event, tmp_path
):
    data = export_json()
    row = data["bazar_events"][0]
    row["title"] = "Ny titel"
    row["themes"] = [{"title": "Ledelse", "order": 5}]
    row["booths"][0]["hosts"] = row["booths"][0]["hosts"][:1]
    row["interest_cards"][0]["take_home"] = "Ændret"
    row["rounds"] = row["rounds"][:1]
    _import(data, tmp_path)
    full_event.refresh_from_db()
    assert full_event.title == "Ny titel"
    assert list(full_event.themes.values_list("title", "order")) == [("Ledelse", 5)]
    assert Booth.objects.get(event=full_event, slug="bod-1").hosts.count() == 1
    assert full_event.rounds.count() == 1
    assert InterestCard.objects.filter(take_home="Ændret").count() == 1


def _first(data):
    return data["bazar_events"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["interest_cards"][0].update(booth="ukendt-bod"), "unknown booth"),
        (lambda r: r["interest_cards"].append(dict(r["interest_cards"][0])), "second card"),
        (lambda r: r.update(status="paused"), "'status' is 'paused'"),
        (lambda r: r["interest_cards"][0].update(commitment="maybe"), "'commitment'"),
        (lambda r: r["interest_cards"][0].update(take_home="x" * 2001), "longer than 2000"),
        (lambda r: r.update(title="x" * 201), "longer than 200"),
        (lambda r: r["attendees"][0].update(education="kea/ukendt"), "unknown education"),
        (lambda r: r["attendees"][0].update(education="kea"), "institution/education"),
        (lambda r: r["attendees"][0].update(role="chef"), "'role'"),
        (lambda r: r["booths"][0].update(experiment="ukendt"), "unknown experiment"),
        (lambda r: r["booths"][0].update(theme="Ukendt tema"), "'theme'"),
        (lambda r: r["rounds"][0]["slots"][0].update(booth="ukendt"), "unknown booth"),
        (lambda r: r["attendees"][0].update(pre_registrations=["ukendt"]), "unknown booth"),
        (lambda r: r.update(end_time="08:00:00"), "must end after"),
        (lambda r: r.update(start_time="9 o'clock"), "'start_time'"),
        (lambda r: r.update(institutions=["ukendt"]), "unknown institution"),
        (lambda r: r.update(date=None), "'date'"),
        (lambda r: r["interest_cards"][0].update(visited="yes"), "'visited'"),
        (lambda r: r.update(survey_after_days=-1), "'survey_after_days'"),
        (lambda r: r["attendees"].append(dict(r["attendees"][0])), "listed twice"),
        (lambda r: r.update(interest_cards="none"), "'interest_cards'"),
    ],
)
def test_bad_input_is_refused_with_its_place_and_nothing_written(
    full_event, tmp_path, change, message
):
    data = export_json()
    change(_first(data))
    _first(data)["slug"] = "en-anden-bazar"  # would be a new event
    before = counts()
    with pytest.raises(CommandError) as error:
        _import(data, tmp_path)
    assert message in str(error.value)
    assert 'bazar_events[0] "en-anden-bazar"' in str(error.value)
    assert counts() == before
    assert not BazarEvent.objects.filter(slug="en-anden-bazar").exists()


def test_importing_a_closed_event_records_no_receipts(full_event, tmp_path):
    from labportal.jobs.models import Job

    set_status(full_event, EventStatus.CLOSED)
    data = export_json()
    wipe()
    _import(data, tmp_path)
    assert BazarEvent.objects.get().status == EventStatus.CLOSED
    assert not Job.objects.filter(task="bazar.send_receipt").exists()

"""The demo's bazar: a finished event three weeks ago with 40–80 cards (four of them the
demo leader's), and an event running today where the demo leader is checked in and has no
card yet; `manage.py demo --no-serve` twice changes nothing the second time."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bazar.demo import demo_events
from bazar.models import Attendee, BazarEvent, InterestCard
from tests.portability.helpers import export_json


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


def test_the_demo_document_has_a_finished_and_a_running_event(db):
    today = dt.date(2027, 3, 10)
    closed, running = demo_events(today)
    assert (closed["status"], running["status"]) == ("follow_up", "running")
    assert closed["date"] == "2026-11-10"  # four months before: the survey has been answered
    assert len([a for a in closed["effect_answers"] if a["outcome"]]) >= 10
    assert running["date"] == "2027-03-10"
    assert 40 <= len(closed["interest_cards"]) <= 80
    mine = [c for c in closed["interest_cards"] if c["visitor"] == "leder"]
    assert 3 <= len(mine) <= 4
    texts = [c["take_home"] for c in closed["interest_cards"] if c["take_home"]]
    assert len(texts) == len(set(texts))  # nobody wrote another's sentence
    assert {c["commitment"] for c in closed["interest_cards"]} == {
        "inspiration",
        "try",
        "implement",
    }
    pairs = [(c["visitor"], c["booth"]) for c in closed["interest_cards"]]
    assert len(pairs) == len(set(pairs))
    educations = {a["education"] for a in closed["attendees"]}
    assert len(educations) >= 3
    assert {a["role"] for a in closed["attendees"]} >= {"leader", "teacher"}
    leader = next(a for a in running["attendees"] if a["person"] == "leder")
    assert leader["checked_in"] is True
    assert not [c for c in running["interest_cards"] if c["visitor"] == "leder"]
    assert {"admin", "strateg"} <= set(running["working_group"])
    assert all(b["hosts"] for b in closed["booths"])


@pytest.mark.django_db
def test_the_demo_loads_the_bazar_and_twice_changes_nothing(in_english, client):
    first = run_demo()
    assert "2 bazar events (" in first
    closed = BazarEvent.objects.get(status="follow_up")
    running = BazarEvent.objects.get(status="running")
    assert running.date == timezone.localdate()
    assert closed.date == timezone.localdate() - dt.timedelta(days=120)
    leader_cards = InterestCard.objects.filter(booth__event=closed, visitor__username="leder")
    assert leader_cards.count() == 4
    assert 40 <= InterestCard.objects.filter(booth__event=closed).count() <= 80
    attendee = Attendee.objects.get(event=running, user__username="leder")
    assert attendee.checked_in_at is not None
    assert not InterestCard.objects.filter(booth__event=running, visitor__username="leder")
    assert set(running.working_group.values_list("user__username", flat=True)) >= {
        "admin",
        "strateg",
    }
    before = export_json()["bazar_events"]

    second = run_demo()

    assert "2 bazar events" in second
    assert "2 bazar events (" in second
    line = next(line for line in second.splitlines() if "bazar events (" in line)
    assert line.endswith("0 created, 0 updated, 2 unchanged.")
    assert export_json()["bazar_events"] == before

    # The demo leader can open today's booth and its card form.
    from labportal.accounts.models import User

    client.force_login(User.objects.get(username="leder"))
    booth = running.booths.order_by("order").first()
    response = client.get(
        reverse("bazar:booth", kwargs={"event": running.slug, "booth": booth.slug})
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_loading_on_a_later_day_moves_the_dates_and_adds_no_history(in_english):
    import json

    from bazar.models import EventStatusChange
    from labportal.portability.importer import portal_import

    run_demo()
    history = EventStatusChange.objects.count()
    cards = InterestCard.objects.count()
    later = timezone.localdate() + dt.timedelta(days=3)
    document = export_json() | {"bazar_events": demo_events(later)}
    portal_import(source=io.BytesIO(json.dumps(document).encode()))
    assert BazarEvent.objects.get(status="running").date == later
    assert EventStatusChange.objects.count() == history
    assert InterestCard.objects.count() == cards
    opened = EventStatusChange.objects.get(event__slug="projektbazar-2", to_status="open")
    assert timezone.localtime(opened.at).date() == later - dt.timedelta(days=28)


def test_the_card_texts_are_the_demos_own():
    from tests.booklet.support import BOOKLET
    from tests.core.test_demo_command import _shingles, _words

    if not BOOKLET.exists():
        pytest.skip(f"booklet not found at {BOOKLET}")
    booklet = _shingles(_words(BOOKLET.read_text(encoding="utf-8")), 6)
    texts = [
        text
        for event in demo_events(dt.date(2027, 3, 10))
        for text in (event["description"], *(c["take_home"] for c in event["interest_cards"]))
    ]
    assert len(texts) > 40
    assert [text for text in texts if _shingles(_words(text), 6) & booklet] == []

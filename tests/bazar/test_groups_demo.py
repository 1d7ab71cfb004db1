"""The demo's follow-up: projektbazar-1 is in follow-up with four groups that held both
workshops after the event (in the past), `leder` in one of them, and the demo's own
Danish content; loading the demo again changes nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from bazar.demo import demo_events
from bazar.models import BazarEvent, FollowUpGroup, Workshop
from bazar.workshops import clean_content
from tests.bazar.test_demo import run_demo

TODAY = dt.date(2027, 3, 10)


def test_the_demo_document_has_four_groups_with_both_workshops_held():
    closed, _running = demo_events(TODAY)
    assert closed["status"] == "follow_up"
    assert closed["status_history"][-1]["to"] == "follow_up"
    groups = closed["groups"]
    assert 3 <= len(groups) <= 4
    assert len({g["title"] for g in groups}) == len(groups)
    assert any("leder" in g["members"] for g in groups)
    cards = {(c["visitor"], c["booth"]): c["commitment"] for c in closed["interest_cards"]}
    held = dt.datetime.combine(dt.date.fromisoformat(closed["date"]), dt.time(23, 59))
    now = dt.datetime.combine(TODAY, dt.time(0, 0))
    for group in groups:
        assert len(group["members"]) >= 2
        for card in group["cards"]:
            assert cards[(card["visitor"], card["booth"])] in ("try", "implement")
        assert [w["number"] for w in group["workshops"]] == [1, 2]
        for workshop in group["workshops"]:
            starts = dt.datetime.fromisoformat(workshop["starts_at"]).replace(tzinfo=None)
            assert held < starts < now
            assert clean_content(workshop["number"], workshop["content"]) == workshop["content"]
        assert {"arena", "values", "codex", "redesign", "pitch"} == set(
            group["workshops"][0]["content"]
        )
        assert len(group["workshops"][0]["content"]["pitch"]) <= 600
        assert {"codex", "pitch", "final_design", "planning", "roles"} == set(
            group["workshops"][1]["content"]
        )


def test_the_group_texts_are_the_demos_own():
    from tests.booklet.support import BOOKLET
    from tests.core.test_demo_command import _shingles, _words

    if not BOOKLET.exists():
        pytest.skip(f"booklet not found at {BOOKLET}")
    booklet = _shingles(_words(BOOKLET.read_text(encoding="utf-8")), 6)
    closed, _running = demo_events(TODAY)
    texts = []
    for group in closed["groups"]:
        for workshop in group["workshops"]:
            for value in workshop["content"].values():
                if isinstance(value, str):
                    texts.append(value)
    assert len(texts) > 20
    assert [text for text in texts if _shingles(_words(text), 6) & booklet] == []


@pytest.mark.django_db
def test_the_demo_loads_the_groups_and_twice_changes_nothing(in_english):
    run_demo()
    event = BazarEvent.objects.get(slug="projektbazar-1")
    assert event.status == "follow_up"
    groups = FollowUpGroup.objects.filter(event=event)
    assert groups.count() == 4
    assert groups.filter(members__card__visitor__username="leder").count() == 1
    assert Workshop.objects.filter(group__event=event).count() == 8
    assert not Workshop.objects.filter(group__event=event, starts_at__gte=timezone.now()).exists()
    before = (
        sorted(groups.values_list("pk", "title")),
        sorted(Workshop.objects.values_list("pk", "starts_at")),
    )
    run_demo()
    assert (
        sorted(groups.values_list("pk", "title")),
        sorted(Workshop.objects.values_list("pk", "starts_at")),
    ) == before

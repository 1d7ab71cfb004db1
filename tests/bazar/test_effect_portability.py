"""The effect answers in the bazar's JSON (portability_effect.py) and the demo's answers
(demo_effect.py)."""

import datetime

import pytest

from bazar import portability_effect, results
from bazar.demo_effect import demo_answers
from bazar.models import EffectAnswer, EffectSurvey
from labportal.portability import PortabilityError
from labportal.portability.context import Context, ImportReport
from labportal.portability.people import People
from tests.bazar.test_results import known_loop


@pytest.fixture
def loop(make_bazar, educations, make_user):
    event, booths = make_bazar("follow_up", booths=2)
    known_loop(event, booths, educations, make_user)
    return event


def context() -> Context:
    return Context(report=ImportReport(), people=People())


def test_rows_round_trip(loop):
    rows = portability_effect.effect_rows(loop)
    assert len(rows) == 6
    group_rows = [r for r in rows if r["group"]]
    assert {r["recipient"] for r in group_rows} == {"p1", "p2"}
    assert all(r["visitor"] is None for r in group_rows)
    before = results.figures([loop.pk]).total
    EffectSurvey.objects.all().delete()
    ctx = context()
    ctx.people.resolve(portability_effect.effect_people(rows))
    assert portability_effect.effect_import(ctx, loop, rows) == 6
    assert EffectAnswer.objects.count() == 5
    again = portability_effect.effect_rows(loop)
    assert again == rows
    after = results.figures([loop.pk]).total
    assert (after.implemented, after.developed, after.sent, after.answered) == (
        before.implemented,
        before.developed,
        before.sent,
        before.answered,
    )
    # importing the same again changes nothing
    portability_effect.effect_import(ctx, loop, rows)
    assert EffectSurvey.objects.count() == 6


def test_an_unknown_group_is_refused(loop):
    rows = portability_effect.effect_rows(loop)
    rows[0] = rows[0] | {"group": "Ingen gruppe", "visitor": None}
    ctx = context()
    ctx.people.resolve(portability_effect.effect_people(rows))
    with pytest.raises(PortabilityError):
        portability_effect.effect_import(ctx, loop, rows)


def test_an_outcome_without_a_time_is_refused(loop):
    rows = portability_effect.effect_rows(loop)
    answered = next(r for r in rows if r["outcome"])
    bad = [answered | {"answered_at": None}]
    ctx = context()
    ctx.people.resolve(portability_effect.effect_people(bad))
    with pytest.raises(PortabilityError):
        portability_effect.effect_import(ctx, loop, bad)


def test_demo_answers_follow_who_gets_a_survey():
    row = {
        "booths": [{"slug": "bazar", "experiment": "projekt-bazar"}],
        "attendees": [
            {"person": "a", "checked_in": True},
            {"person": "b", "checked_in": False},
            {"person": "c", "checked_in": True},
        ],
        "interest_cards": [
            {"booth": "bazar", "visitor": "a", "commitment": "implement"},
            {"booth": "bazar", "visitor": "b", "commitment": "implement"},
            {"booth": "bazar", "visitor": "c", "commitment": "try"},
        ],
        "groups": [{"booth": "bazar", "title": "Gruppe", "members": ["c"]}],
    }
    answers = demo_answers(row, datetime.date(2026, 3, 1))
    assert [(a["group"], a["visitor"], a["recipient"]) for a in answers] == [
        (None, "a", "a"),
        ("Gruppe", None, "c"),
    ]
    assert all(a["outcome"] in (None, "implemented", "developed") for a in answers)
    assert answers == demo_answers(row, datetime.date(2026, 3, 1))

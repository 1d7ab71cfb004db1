"""The status table: what each status allows, and the moves between statuses."""

import pytest
from django.utils import translation

from bazar import services, statuses
from bazar.enums import Action, EventStatus
from bazar.exceptions import NotAllowed, WrongStatus
from bazar.models import EventStatusChange

from .conftest import set_status

# Written by hand from the design, apart from the code's table: a change to ALLOWS that is
# not also made here fails below.
EXPECTED = {
    "planning": {"edit_setup", "invite"},
    "open": {"edit_setup", "invite", "pre_register"},
    "running": {"check_in", "write_card", "see_collection"},
    "closed": {"see_collection"},
    "follow_up": {"see_collection", "form_groups", "survey"},
    "mapped": {"see_collection"},
}

CELLS = [(status, action) for status in EventStatus for action in Action]


@pytest.mark.parametrize(("status", "action"), CELLS, ids=[f"{s}-{a}" for s, a in CELLS])
def test_status_allows_exactly_what_the_design_says(status, action):
    expected = action.value in EXPECTED[status.value]
    assert statuses.allows(status, action) is expected
    assert (action in statuses.ALLOWS[status]) is expected


def test_the_table_covers_every_status_and_no_unknown_action():
    assert set(statuses.ALLOWS) == set(EventStatus)
    assert set().union(*statuses.ALLOWS.values()) <= set(Action)


@pytest.mark.parametrize(
    ("status", "moves"),
    [
        ("planning", ["open"]),
        ("open", ["running", "planning"]),
        ("running", ["closed"]),
        ("closed", ["follow_up"]),
        ("follow_up", ["mapped"]),
        ("mapped", []),
    ],
)
def test_moves_from(status, moves):
    assert statuses.moves_from(status) == moves


def test_require_names_the_status_and_what_it_allows():
    with translation.override("en"), pytest.raises(WrongStatus) as error:
        statuses.require(type("E", (), {"status": "closed"})(), Action.WRITE_CARD)
    assert error.value.status == 409
    assert error.value.message == (
        "The event is “Closed”, so you cannot write interest cards now. "
        "In this status you can: see the collected interest cards."
    )


def test_event_moves_forward_through_every_status_and_records_each_move(event, people):
    admin = people["administrator"]
    path = ["open", "running", "closed", "follow_up", "mapped"]
    for to_status in path:
        services.event_move(event=event, by=admin, to_status=to_status)
    event.refresh_from_db()
    assert event.status == "mapped"
    moves = list(
        EventStatusChange.objects.filter(event=event).values_list("from_status", "to_status", "by")
    )
    assert moves == list(zip(["planning", *path[:-1]], path, [admin.pk] * 5, strict=True))


def test_open_goes_back_to_planning(event, people):
    member = people["member"]
    services.event_move(event=event, by=member, to_status="open")
    change = services.event_move(event=event, by=member, to_status="planning")
    assert (change.from_status, change.to_status, change.by) == ("open", "planning", member)
    event.refresh_from_db()
    assert event.status == "planning"


@pytest.mark.parametrize(
    ("status", "to_status"),
    [
        ("planning", "running"),  # skipping a status
        ("planning", "planning"),
        ("running", "open"),  # only open goes back
        ("closed", "running"),
        ("mapped", "follow_up"),
    ],
)
def test_refused_moves_change_nothing(make_event, people, status, to_status):
    event = make_event(status)
    with pytest.raises(WrongStatus):
        services.event_move(event=event, by=people["administrator"], to_status=to_status)
    event.refresh_from_db()
    assert event.status == status
    assert EventStatusChange.objects.count() == 0


def test_a_move_from_a_stale_page_is_refused(event, people):
    stale = type(event).objects.get(pk=event.pk)
    services.event_move(event=event, by=people["administrator"], to_status="open")
    with translation.override("en"), pytest.raises(WrongStatus) as error:
        services.event_move(event=stale, by=people["administrator"], to_status="open")
    assert "someone else has moved it" in error.value.message
    assert EventStatusChange.objects.count() == 1


@pytest.mark.parametrize("who", ["leader", "teacher", "staff"])
def test_only_organisers_move_the_event(event, people, who):
    with pytest.raises(NotAllowed):
        services.event_move(event=event, by=people[who], to_status="open")
    event.refresh_from_db()
    assert event.status == "planning"


def test_set_up_is_refused_once_the_event_runs(make_event, people):
    event = make_event("running")
    with pytest.raises(WrongStatus):
        services.theme_add(event=event, by=people["administrator"], title="Trivsel")
    assert event.themes.count() == 0
    set_status(event, "open")
    theme = services.theme_add(event=event, by=people["administrator"], title="Trivsel")
    assert list(event.themes.all()) == [theme]

"""Who may do what: every role around an event × every bazar perm, in planning and after."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bazar import selectors

PERMS = ["view_event", "manage_event", "check_in", "write_card", "view_collection"]

# (person, perms in planning, perms once the event is open or later)
TABLE = {
    "administrator": (
        {"view_event", "manage_event", "check_in", "view_collection"},
        {"view_event", "manage_event", "check_in", "view_collection"},
    ),
    "member": (
        {"view_event", "manage_event", "check_in", "view_collection"},
        {"view_event", "manage_event", "check_in", "view_collection"},
    ),
    "leader": ({"write_card"}, {"view_event", "write_card"}),
    "teacher": ({"write_card"}, {"view_event", "write_card"}),
    "staff": (set(), {"view_event"}),
    "nobody": (set(), set()),
}

CASES = [
    (who, status, perm) for who in TABLE for status in ("planning", "running") for perm in PERMS
]


@pytest.mark.parametrize(("who", "status", "perm"), CASES)
def test_role_by_perm(make_event, people, who, status, perm):
    event = make_event(status)
    expected = perm in TABLE[who][0 if status == "planning" else 1]
    user = people[who]
    assert user.has_perm(f"bazar.{perm}", event) is expected
    # The same answer from an event the selector annotated for this person.
    annotated = selectors.events_annotated(user).get(pk=event.pk)
    assert user.has_perm(f"bazar.{perm}", annotated) is expected


@pytest.mark.parametrize("who", list(TABLE))
def test_only_administrators_create_events(people, who):
    assert people[who].has_perm("bazar.create_event") is (who == "administrator")


def test_anonymous_has_no_bazar_perm(event):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert [p for p in PERMS if anonymous.has_perm(f"bazar.{p}", event)] == []


def test_annotated_event_answers_without_queries(make_event, people):
    event = make_event("running")
    user = people["teacher"]
    annotated = selectors.events_annotated(user).get(pk=event.pk)
    with CaptureQueriesContext(connection) as queries:
        answers = [user.has_perm(f"bazar.{p}", annotated) for p in PERMS]
    assert answers == [True, False, False, True, False]
    # Group membership (the role) is asked once and cached on the user; the event costs none.
    assert all("bazar_" not in q["sql"] for q in queries.captured_queries)


def test_annotations_for_another_person_are_not_trusted(make_event, people):
    event = make_event("running")
    for_teacher = selectors.events_annotated(people["teacher"]).get(pk=event.pk)
    assert people["staff"].has_perm("bazar.write_card", for_teacher) is False
    assert people["member"].has_perm("bazar.manage_event", for_teacher) is True

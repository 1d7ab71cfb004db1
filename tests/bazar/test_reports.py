"""The organisers' reports on a small known event: representation, compliance, collection."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bazar import selectors, services
from bazar.enums import PersonRole
from tests.factories import UserFactory

from .conftest import set_status


def test_representation_shows_coverage_and_gaps(event, people, educations, institutions):
    # The fixture's member has no education; add a leader from Bioanalytiker (KEA).
    services.working_group_add(
        event=event,
        by=people["administrator"],
        user=people["staff"],
        role="leader",
        education=educations[0],
    )
    report = selectors.representation(event)
    assert len(report.members) == 2
    assert report.institutions == [institutions[0]]
    assert report.educations == [educations[0]]
    assert report.roles == [PersonRole.LEADER, PersonRole.TEACHER]
    assert report.missing_institutions == [institutions[1]]
    assert report.missing_educations == [educations[1], educations[2]]
    assert report.missing_roles == [PersonRole.OTHER_STAFF]


def test_compliance_counts_invited_before_and_checked_in_while_running(event, people, educations):
    admin = people["administrator"]
    # Bygningskonstruktør: a leader only; Elektriker: nobody.
    services.attendee_invite(
        event=event, by=admin, user=people["staff"], education=educations[1], role="leader"
    )
    report = selectors.compliance(event)
    rows = {row.education.slug: row for row in report.rows}
    assert list(rows) == ["bio", "byg", "el"]
    assert (rows["bio"].leaders_invited, rows["bio"].teachers_invited, rows["bio"].meets) == (
        1,
        1,
        True,
    )
    assert (rows["byg"].has_leader, rows["byg"].has_teacher, rows["byg"].meets) == (
        True,
        False,
        False,
    )
    assert (rows["el"].leaders_invited, rows["el"].meets) == (0, False)
    assert [r.education.slug for r in report.missing] == ["byg", "el"]
    assert report.counts_checked_in is False

    set_status(event, "running")
    leader = event.attendees.get(user=people["leader"])
    services.attendee_check_in(event=event, by=admin, attendee=leader, present=True)
    rows = {row.education.slug: row for row in selectors.compliance(event).rows}
    bio = rows["bio"]
    assert (bio.leaders_checked_in, bio.teachers_checked_in, bio.has_leader, bio.meets) == (
        1,
        0,
        True,
        False,
    )
    teacher = event.attendees.get(user=people["teacher"])
    services.attendee_check_in(event=event, by=admin, attendee=teacher, present=True)
    assert {r.education.slug: r.meets for r in selectors.compliance(event).rows} == {
        "bio": True,
        "byg": False,
        "el": False,
    }


def _cards_event(make_event, people, educations, *, booths: int, visitors_per_education: int = 1):
    """A running event with `booths` booths; visitors from two educations each write a card
    at every booth, commitments cycling inspiration, try, implement."""
    event = make_event("open", title=f"Bazar {booths}")
    admin = people["administrator"]
    stands = [services.booth_add(event=event, by=admin, title=f"Stand {i}") for i in range(booths)]
    visitors = []
    for education in educations[:2]:
        for _ in range(visitors_per_education):
            user = UserFactory(roles=["staff"])
            services.attendee_invite(
                event=event, by=admin, user=user, education=education, role="teacher"
            )
            visitors.append(user)
    set_status(event, "running")
    commitments = ["inspiration", "try", "implement"]
    n = 0
    for booth in stands:
        for visitor in visitors:
            services.card_submit(
                event=event,
                booth=booth,
                visitor=visitor,
                commitment=commitments[n % 3],
                take_home="",
            )
            n += 1
    return event, stands


def test_collection_counts_a_known_set(make_event, people, educations):
    event, booths = _cards_event(make_event, people, educations, booths=2, visitors_per_education=2)
    # The fixture's invited leader (Bioanalytiker) writes one more card at the first booth.
    services.card_submit(
        event=event, booth=booths[0], visitor=people["leader"], commitment="implement", take_home=""
    )
    report = selectors.collection(event)
    first, second = report.booths
    assert first.booth == booths[0]
    # Cards in order: booth 0 gets inspiration, try, implement, inspiration (+ leader's implement).
    assert first.by_commitment == {"inspiration": 2, "try": 1, "implement": 2}
    assert second.by_commitment == {"inspiration": 1, "try": 2, "implement": 1}
    assert first.by_education == {educations[0].pk: 3, educations[1].pk: 2}
    assert second.by_education == {educations[0].pk: 2, educations[1].pk: 2}
    assert (first.total, second.total, report.total) == (5, 4, 9)
    assert report.by_commitment == {"inspiration": 3, "try": 3, "implement": 3}
    assert report.educations == [educations[0], educations[1]]


def test_collection_lists_booths_without_cards(make_event, people):
    event = make_event("running")
    set_status(event, "open")
    booth = services.booth_add(event=event, by=people["administrator"], title="Tom stand")
    report = selectors.collection(event)
    assert [(b.booth, b.total, b.by_education) for b in report.booths] == [(booth, 0, {})]
    assert report.educations == []


def test_collection_query_count_does_not_grow(make_event, people, educations):
    counts = {}
    for booths in (2, 20):
        event, _ = _cards_event(make_event, people, educations, booths=booths)
        with CaptureQueriesContext(connection) as queries:
            report = selectors.collection(event)
        assert report.total == booths * 2
        counts[booths] = len(queries.captured_queries)
    assert counts[2] == counts[20] == 4


@pytest.mark.parametrize("n", [1, 5])
def test_compliance_and_representation_in_fixed_queries(
    event, people, educations, django_assert_num_queries, n
):
    for _ in range(n):
        services.attendee_invite(
            event=event,
            by=people["administrator"],
            user=UserFactory(),
            education=educations[2],
            role="teacher",
        )
        services.working_group_add(
            event=event,
            by=people["administrator"],
            user=UserFactory(),
            role="teacher",
            education=educations[2],
        )
    with django_assert_num_queries(2):
        selectors.compliance(event)
    with django_assert_num_queries(3):
        selectors.representation(event)

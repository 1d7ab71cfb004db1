"""The day of the event on the organisers' pages: check-in (search, toggle, htmx rows),
the attendance rule table, and the collected cards with their heat map."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bazar import services
from bazar.enums import Commitment, EventStatus, PersonRole
from bazar.models import Attendee
from bazar.views.collection import heat_bucket
from tests.bazar.conftest import set_status

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name: str, event, **kwargs) -> str:
    return reverse(f"bazar:{name}", kwargs={"event": event.slug, **kwargs})


@pytest.fixture
def running(make_event):
    return make_event(EventStatus.RUNNING)


def attendee(event, user) -> Attendee:
    return event.attendees.get(user=user)


# --- check-in -----------------------------------------------------------------------------


def test_the_search_finds_people_by_part_of_their_name(running, people, client_for):
    leader = people["leader"]
    part = leader.first_name[1:4].lower()
    response = client_for(people["member"]).get(url("check_in", running), {"q": part})
    found = response.context["attendees"]
    assert leader in [a.user for a in found]
    assert all(
        part in a.user.get_full_name().lower() + a.user.username + a.user.email for a in found
    )


def test_the_search_with_htmx_answers_the_results_partial(running, people, client_for):
    response = client_for(people["member"]).get(url("check_in", running), {"q": "zzzqqq"}, **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="check-in-results"')
    assert "<html" not in page
    assert response["Vary"].count("HX-Request") == 1


def test_checking_someone_in_without_javascript_keeps_the_search(running, people, client_for):
    person = attendee(running, people["leader"])
    response = client_for(people["member"]).post(
        url("check_in_toggle", running), {"attendee": person.pk, "present": "1", "q": "yr sa"}
    )
    person.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == url("check_in", running) + "?q=yr+sa"
    assert person.checked_in_by == people["member"]


def test_the_toggle_with_htmx_answers_the_row(running, people, client_for):
    person = attendee(running, people["leader"])
    client = client_for(people["member"])
    response = client.post(
        url("check_in_toggle", running), {"attendee": person.pk, "present": "1"}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<li id="attendee-{person.pk}" class="org-person is-present"')
    assert 'name="present" value="0"' in page
    response = client.post(
        url("check_in_toggle", running), {"attendee": person.pk, "present": "0"}, **HTMX
    )
    person.refresh_from_db()
    assert person.checked_in_at is None
    assert 'name="present" value="1"' in response.content.decode()


def test_check_in_is_refused_before_the_event_runs(make_event, people, client_for, in_english):
    event = make_event(EventStatus.OPEN)
    person = attendee(event, people["leader"])
    client = client_for(people["member"])
    page = client.get(url("check_in", event)).content.decode()
    assert "so you cannot check participants in now" in page
    assert url("check_in_toggle", event) not in page
    response = client.post(
        url("check_in_toggle", event), {"attendee": person.pk, "present": "1"}, **HTMX
    )
    person.refresh_from_db()
    assert response.status_code == 409
    assert "so you cannot check participants in now" in response.content.decode()
    assert person.checked_in_at is None


@pytest.mark.parametrize(
    "data", [{}, {"attendee": "x", "present": "1"}, {"attendee": "5", "present": "maybe"}]
)
def test_malformed_toggles_are_400(running, people, client_for, data):
    response = client_for(people["member"]).post(url("check_in_toggle", running), data)
    assert response.status_code == 400
    assert not Attendee.objects.filter(checked_in_at__isnull=False).exists()


def test_another_events_attendee_is_404(make_event, people, client_for):
    event = make_event(EventStatus.RUNNING)
    other = make_event(EventStatus.RUNNING, title="Anden")
    foreign = attendee(other, people["leader"])
    response = client_for(people["administrator"]).post(
        url("check_in_toggle", event), {"attendee": foreign.pk, "present": "1"}
    )
    foreign.refresh_from_db()
    assert response.status_code == 404
    assert foreign.checked_in_at is None


def test_outsiders_cannot_check_in(running, people, client_for):
    person = attendee(running, people["teacher"])
    response = client_for(people["leader"]).post(
        url("check_in_toggle", running), {"attendee": person.pk, "present": "1"}
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.checked_in_at is None


# --- compliance ---------------------------------------------------------------------------


def test_compliance_lists_the_missing_educations_first(running, people, client_for, educations):
    member = people["member"]
    for name in ("leader", "teacher"):
        services.attendee_check_in(
            event=running, by=member, attendee=attendee(running, people[name]), present=True
        )
    response = client_for(member).get(url("compliance", running))
    rows = response.context["rows"]
    assert [r.education.name for r in rows] == [
        "Bygningskonstruktør",
        "Elektriker",
        "Bioanalytiker",
    ]
    assert [r.meets for r in rows] == [False, False, True]
    page = response.content.decode()
    assert 'hx-trigger="every 15s"' in page
    assert 'role="region"' in page


def test_compliance_before_the_event_counts_invitations_and_does_not_poll(
    make_event, people, client_for
):
    event = make_event(EventStatus.OPEN)
    response = client_for(people["member"]).get(url("compliance", event))
    assert response.context["rows"][-1].meets is True  # the first education has both invited
    assert "hx-trigger" not in response.content.decode()


def test_compliance_with_htmx_answers_the_table(running, people, client_for):
    response = client_for(people["member"]).get(url("compliance", running), **HTMX)
    assert response.content.decode().lstrip().startswith('<section id="compliance-live"')


# --- collection ---------------------------------------------------------------------------


def _cards(event, people, educations, n_booths: int):
    """n booths; the leader writes a card at each, the teacher at the first."""
    by = people["administrator"]
    set_status(event, EventStatus.OPEN)
    booths = [services.booth_add(event=event, by=by, title=f"Stand {i}") for i in range(n_booths)]
    services.attendee_invite(
        event=event, by=by, user=people["staff"], education=educations[2], role=PersonRole.TEACHER
    )
    set_status(event, EventStatus.RUNNING)
    for booth in booths:
        services.card_submit(
            event=event,
            booth=booth,
            visitor=people["leader"],
            commitment=Commitment.TRY,
            take_home="",
        )
    services.card_submit(
        event=event,
        booth=booths[0],
        visitor=people["staff"],
        commitment=Commitment.IMPLEMENT,
        take_home="",
    )
    return booths


def test_the_collection_counts_per_booth_and_education(running, people, client_for, educations):
    booths = _cards(running, people, educations, 3)
    response = client_for(people["member"]).get(url("collection", running))
    context = response.context
    first = context["booth_rows"][0]
    assert first["booth"] == booths[0]
    assert [c["count"] for c in first["commitments"]] == [0, 1, 1]
    assert [(e.name, n) for e, n in context["education_totals"]] == [
        ("Bioanalytiker", 3),
        ("Elektriker", 1),
    ]
    assert [[c["count"] for c in row["cells"]] for row in context["heat_rows"]] == [
        [1, 1, 1],
        [1, 0, 0],
    ]
    page = response.content.decode()
    assert 'class="org-heat-cell heat-1">1</td>' in page
    assert 'class="org-heat-cell heat-0">0</td>' in page
    assert 'hx-trigger="every 10s"' in page
    assert 'tabindex="0" role="region"' in page


def test_the_poll_interval_comes_from_the_setting(running, people, client_for, settings):
    settings.BAZAR_POLL_SECONDS = 1
    page = client_for(people["member"]).get(url("collection", running)).content.decode()
    assert 'hx-trigger="every 1s"' in page


def test_the_collection_with_htmx_answers_the_live_partial(running, people, client_for):
    response = client_for(people["member"]).get(url("collection", running), **HTMX)
    assert response.content.decode().lstrip().startswith('<div id="collection-live"')


def test_the_collection_is_not_shown_before_the_event(make_event, people, client_for, in_english):
    event = make_event(EventStatus.OPEN)
    response = client_for(people["member"]).get(url("collection", event))
    assert response.context["report"] is None
    assert "so you cannot see the collected interest cards now" in response.content.decode()


@pytest.mark.parametrize(("count", "bucket"), [(0, 0), (1, 1), (3, 2), (4, 3), (10, 4), (11, 5)])
def test_heat_buckets(count, bucket):
    assert heat_bucket(count) == bucket


# --- constant queries ---------------------------------------------------------------------


def _queries(client, path, **extra) -> int:
    client.get(path, **extra)  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, **extra).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "htmx"),
    [("collection", False), ("collection", True), ("compliance", False), ("check_in", False)],
)
def test_day_pages_run_a_constant_number_of_queries(
    make_event, people, client_for, educations, name, htmx
):
    counts = []
    for n in (2, 20):
        event = make_event(EventStatus.RUNNING, title=f"Bazar {n}")
        _cards(event, people, educations, n)
        extra = HTMX if htmx else {}
        counts.append(_queries(client_for(people["member"]), url(name, event), **extra))
    assert counts[0] == counts[1]

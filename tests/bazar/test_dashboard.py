"""The dashboard's "upcoming bazar" panel: the next event the person may see that has not
ended (a running one first), with their own state; nothing when there is none; two queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bazar import services
from bazar.dashboard import next_event, upcoming_context
from bazar.enums import Commitment, EventStatus
from bazar.models import Booth
from tests.bazar.conftest import set_status

pytestmark = pytest.mark.django_db

TEMPLATE = "bazar/dashboard/upcoming.html"


def _panel(response):
    return next((ctx for template, ctx in response.context["panels"] if template == TEMPLATE), None)


@pytest.mark.parametrize("role", ["staff", "strategic", "leader", "administrator"])
def test_every_role_sees_the_next_open_event(make_event, make_user, client_for, role):
    event = make_event(EventStatus.OPEN, date=timezone.localdate() + dt.timedelta(days=10))
    response = client_for(make_user(role)).get(reverse("core:dashboard"))
    assert response.status_code == 200
    panel = _panel(response)
    assert panel["event"] == event
    assert panel["invited"] is False
    html = response.content.decode()
    assert reverse("bazar:event", kwargs={"slug": event.slug}) in html
    assert 'id="upcoming-bazar"' in html


def test_nothing_is_shown_without_an_event(make_user, client_for, db):
    response = client_for(make_user("staff")).get(reverse("core:dashboard"))
    assert _panel(response) is None
    assert 'id="upcoming-bazar"' not in response.content.decode()


def test_an_event_in_planning_is_shown_only_to_its_organisers(make_event, people):
    event = make_event(date=timezone.localdate() + dt.timedelta(days=3))
    assert upcoming_context(people["staff"]) is None
    assert upcoming_context(people["member"])["event"] == event
    assert upcoming_context(people["administrator"])["event"] == event


def test_past_and_closed_events_are_not_shown(make_event, people):
    make_event(EventStatus.OPEN, title="Forbi", date=timezone.localdate() - dt.timedelta(days=1))
    make_event(EventStatus.CLOSED, title="Lukket", date=timezone.localdate() + dt.timedelta(days=1))
    assert upcoming_context(people["leader"]) is None


def test_a_running_event_comes_first_and_shows_the_persons_state(make_event, people):
    today = timezone.localdate()
    make_event(EventStatus.OPEN, title="Senere", date=today + dt.timedelta(days=5))
    running = make_event(EventStatus.RUNNING, title="Nu", date=today - dt.timedelta(days=1))
    booth = Booth.objects.create(event=running, slug="bod", title="Bod")
    leader = people["leader"]
    attendee = running.attendees.get(user=leader)
    services.attendee_check_in(
        event=running, by=people["administrator"], attendee=attendee, present=True
    )
    services.card_submit(
        event=running, booth=booth, visitor=leader, commitment=Commitment.TRY, take_home="x"
    )
    context = upcoming_context(leader)
    assert context["event"] == running
    assert (context["invited"], context["checked_in"], context["cards"]) == (True, True, 1)
    staff = upcoming_context(people["staff"])
    assert (staff["invited"], staff["checked_in"], staff["cards"]) == (False, False, 0)


def test_an_event_today_that_has_ended_is_not_shown(make_event, people):
    now = timezone.localtime()
    if now.hour < 1:
        pytest.skip("needs an hour of today behind us")
    make_event(
        EventStatus.OPEN,
        date=now.date(),
        start_time=dt.time(0, 0),
        end_time=dt.time(0, 30),
    )
    assert upcoming_context(people["leader"]) is None


@pytest.mark.parametrize("n", [1, 6])
def test_one_query_whatever_the_number_of_events(make_event, people, n):
    for i in range(n):
        event = make_event(EventStatus.OPEN, date=timezone.localdate() + dt.timedelta(days=i + 1))
        set_status(event, EventStatus.OPEN)
    with CaptureQueriesContext(connection) as queries:
        context = upcoming_context(people["leader"])
    assert context["event"] is not None
    assert len(queries) == 2  # the person's roles, then the event
    assert next_event(people["nobody"]) is None

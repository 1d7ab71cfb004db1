"""Invitations: the page per education, inviting and removing, and the e-mails that go out
once, in the person's language, with a calendar entry that icalendar reads back."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from bazar import services
from bazar.calendar import event_uid
from bazar.enums import EventStatus, PersonRole
from bazar.invitations import invitation_deliver, invitation_key, invitations_send
from bazar.models import Attendee
from bazar.tasks import send_invitation
from labportal.jobs.models import Job
from labportal.notifications.models import Notification
from tests.bazar.conftest import set_status

pytestmark = pytest.mark.django_db


def url(event, name="invitations", **kwargs):
    return reverse(f"bazar:{name}", kwargs={"event": event.slug, **kwargs})


# --- the page -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("administrator", 200), ("member", 200), ("leader", 403), ("staff", 403), ("nobody", 403)],
)
def test_only_organisers_see_the_page(make_event, people, client_for, who, status):
    event = make_event(EventStatus.OPEN)
    response = client_for(people[who]).get(url(event))
    assert response.status_code == status


def test_an_event_in_planning_is_not_even_found_by_outsiders(event, people, client_for):
    assert client_for(people["staff"]).get(url(event)).status_code == 404
    assert client_for(people["member"]).get(url(event)).status_code == 200


def test_anonymous_is_sent_to_sign_in(event, client):
    assert client.get(url(event)).status_code == 302


def test_the_page_shows_each_education_and_the_rule(event, people, educations, client_for):
    response = client_for(people["administrator"]).get(url(event))
    rows = {row.education.pk: row for row in response.context["overview"].rows}
    assert list(rows) == [e.pk for e in educations]
    assert rows[educations[0].pk].meets
    assert not rows[educations[1].pk].meets
    assert [i.attendee.user for i in rows[educations[0].pk].leaders] == [people["leader"]]
    assert response.context["overview"].counts == {
        "sent": 0,
        "waiting": 0,
        "failed": 0,
        "not_sent": 2,
    }
    html = response.content.decode()
    assert f'id="education-{educations[2].pk}"' in html
    assert url(event, "invitations_send") in html
    assert 'name="user"' in html
    assert 'name="education"' in html
    assert 'name="role"' in html


def _page_queries(client, event) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(event))
    assert response.status_code == 200
    return len(queries)


def test_the_page_runs_a_fixed_number_of_queries(event, people, educations, make_user, client_for):
    admin = people["administrator"]
    client = client_for(admin)
    client.get(url(event))  # the session, once
    few = _page_queries(client, event)
    for i in range(12):
        services.attendee_invite(
            event=event,
            by=admin,
            user=make_user("staff"),
            education=educations[i % 3],
            role=PersonRole.TEACHER,
        )
    invitations_send(event=event, by=admin)
    Attendee.objects.filter(pk__in=event.attendees.values("pk")[:3]).update(
        invited_at=dt.datetime(2030, 4, 1, tzinfo=dt.UTC)
    )
    assert _page_queries(client, event) == few
    assert client.get(url(event)).context["overview"].total == 14


def test_inviting_a_person(event, people, educations, client_for):
    client = client_for(people["member"])
    data = {"user": people["staff"].pk, "education": educations[2].pk, "role": "other_staff"}
    response = client.post(url(event, "invitation_add"), data)
    assert response.status_code == 302
    attendee = Attendee.objects.get(event=event, user=people["staff"])
    assert (attendee.education, attendee.role) == (educations[2], "other_staff")


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"user": "x", "education": "y", "role": "z"},
        {"user": "999999", "education": "1", "role": "leader"},
        {"user": "1", "education": "999999", "role": "teacher"},
        {"role": "boss"},
    ],
)
def test_malformed_input_is_refused_without_a_change(event, people, client_for, data):
    before = Attendee.objects.count()
    response = client_for(people["administrator"]).post(url(event, "invitation_add"), data)
    assert response.status_code == 400
    assert Attendee.objects.count() == before


def test_an_education_of_an_institution_not_taking_part_is_refused(
    event, people, client_for, institutions
):
    from labportal.organisation.models import Education, Institution

    other = Institution.objects.create(slug="andet", name="Andet")
    education = Education.objects.create(institution=other, slug="x", name="X")
    response = client_for(people["administrator"]).post(
        url(event, "invitation_add"),
        {"user": people["staff"].pk, "education": education.pk, "role": "teacher"},
    )
    assert response.status_code == 400  # not offered by the form
    assert not Attendee.objects.filter(user=people["staff"]).exists()


def test_a_status_that_does_not_allow_inviting_answers_409(
    make_event, people, educations, client_for
):
    event = make_event(EventStatus.RUNNING)
    client = client_for(people["administrator"])
    page = client.get(url(event))
    assert page.context["form"] is None
    assert url(event, "invitations_send").encode() not in page.content
    response = client.post(url(event, "invitations_send"))
    assert response.status_code == 409
    assert not Job.objects.exists()
    attendee = event.attendees.first()
    response = client.post(url(event, "invitation_remove", attendee=attendee.pk))
    assert response.status_code == 409
    assert Attendee.objects.filter(pk=attendee.pk).exists()


def test_removing_an_invitation(event, people, client_for):
    attendee = event.attendees.get(user=people["teacher"])
    client = client_for(people["administrator"])
    assert client.post(url(event, "invitation_remove", attendee=attendee.pk)).status_code == 302
    assert not Attendee.objects.filter(pk=attendee.pk).exists()
    assert client.post(url(event, "invitation_remove", attendee=999999)).status_code == 404


@pytest.mark.parametrize("name", ["invitation_add", "invitations_send"])
def test_outsiders_cannot_post(make_event, people, client_for, name):
    event = make_event(EventStatus.OPEN)
    response = client_for(people["leader"]).post(url(event, name), {})
    assert response.status_code == 403
    assert not Job.objects.exists()


# --- sending ------------------------------------------------------------------------------


def test_send_records_one_job_per_attendee_not_yet_invited(event, people, client_for):
    client = client_for(people["administrator"])
    assert client.post(url(event, "invitations_send")).status_code == 302
    keys = set(Job.objects.values_list("key", flat=True))
    assert keys == {invitation_key(a.pk) for a in event.attendees.all()}
    assert client.post(url(event, "invitations_send")).status_code == 302  # again: nothing new
    assert Job.objects.count() == 2
    page = client.get(url(event))
    assert page.context["overview"].counts["waiting"] == 2


def _ics(message) -> Calendar:
    [(name, content, mimetype)] = message.attachments
    assert name == "bazar.ics"
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_the_invitation_is_sent_once_in_the_persons_language_with_the_calendar_entry(
    make_event, people, django_capture_on_commit_callbacks
):
    event = make_event(EventStatus.OPEN)
    leader = people["leader"]
    leader.language = "en"
    leader.save(update_fields=["language"])
    people["teacher"].language = "da"
    people["teacher"].save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_send(event=event, by=people["administrator"]) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([leader.email, people["teacher"].email])
    english = next(m for m in mail.outbox if m.to == [leader.email])
    danish = next(m for m in mail.outbox if m.to == [people["teacher"].email])
    assert english.subject.startswith("Invitation: Bazar på KEA")
    assert "for Bioanalytiker som underviser." in danish.body
    assert ", as leader." in english.body
    assert event.get_absolute_url() in english.body

    calendar = _ics(english)
    assert calendar["method"] == "REQUEST"
    [entry] = calendar.events
    assert str(entry["uid"]) == event_uid(event)
    assert entry.start == dt.datetime(2030, 5, 1, 9, 0, tzinfo=entry.start.tzinfo)
    assert str(entry.start.tzinfo) == "Europe/Copenhagen"
    assert entry.start.utcoffset() == dt.timedelta(hours=2)
    assert entry.end.hour == 15
    assert "TZID=Europe/Copenhagen" in calendar.to_ical().decode()
    assert str(entry["summary"]) == "Bazar på KEA"
    assert str(entry["location"]) == "KEA Guldbergsgade"
    assert event.get_absolute_url() in str(entry["description"])
    assert "noreply" in str(entry["organizer"]) or "@" in str(entry["organizer"])
    assert str(_ics(danish).events[0]["uid"]) == str(entry["uid"])  # the same entry for all

    attendee = Attendee.objects.get(event=event, user=leader)
    assert attendee.invited_at is not None
    notification = Notification.objects.get(recipient=leader)
    assert notification.url == event.get_absolute_url()
    assert notification.emailed_at is not None  # its e-mail was the invitation itself
    assert not Job.objects.filter(task="notifications.send_emails").exists()
    assert set(Job.objects.values_list("state", flat=True)) == {Job.State.DONE}

    # The job again (a worker that died after sending): nothing more goes out.
    assert send_invitation.job_function(attendee_id=attendee.pk) is False
    assert invitation_deliver(attendee_id=attendee.pk) is False
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(recipient=leader).count() == 1


def test_the_organiser_is_in_the_calendar_entry(event, people, settings):
    settings.DEFAULT_FROM_EMAIL = "Bazar <bazar@skole.example>"
    attendee = event.attendees.get(user=people["leader"])
    assert invitation_deliver(attendee_id=attendee.pk) is True
    entry = _ics(mail.outbox[0]).events[0]
    assert str(entry["organizer"]) == "mailto:bazar@skole.example"
    assert str(entry["organizer"].params["CN"]) == "Bazar"
    assert str(entry["attendee"]) == f"mailto:{people['leader'].email}"


def test_a_person_without_an_address_gets_the_inbox_notification(event, people):
    leader = people["leader"]
    leader.email = ""
    leader.save(update_fields=["email"])
    attendee = event.attendees.get(user=leader)
    assert invitation_deliver(attendee_id=attendee.pk) is True
    assert mail.outbox == []
    assert Notification.objects.get(recipient=leader).emailed_at is None


def test_a_removed_attendee_or_a_finished_event_gets_nothing(make_event, people):
    event = make_event(EventStatus.OPEN)
    attendee = event.attendees.first()
    set_status(event, EventStatus.CLOSED)
    assert invitation_deliver(attendee_id=attendee.pk) is False
    assert invitation_deliver(attendee_id=999999) is False
    assert mail.outbox == []
    assert Attendee.objects.get(pk=attendee.pk).invited_at is None


def test_the_page_says_who_was_invited_when(event, people, client_for):
    attendee = event.attendees.get(user=people["leader"])
    invitation_deliver(attendee_id=attendee.pk)
    response = client_for(people["administrator"]).get(url(event))
    assert response.context["overview"].counts["sent"] == 1
    assert f'data-attendee="{attendee.pk}" data-state="sent"' in response.content.decode()


# --- every role on every invitations URL (an open event; no member of its working group) ---

ROLE_TABLE = [
    ("invitations", {}, "get", {}, 200),
    ("invitation_add", {}, "post", {}, 400),
    ("invitation_remove", {"attendee": 999999}, "post", {}, 404),
    ("invitations_send", {}, "post", {}, 302),
]


@pytest.mark.parametrize("role", ["anonymous", "staff", "strategic", "leader", "administrator"])
@pytest.mark.parametrize(("name", "kwargs", "method", "data", "allowed"), ROLE_TABLE)
def test_each_role_on_each_url(
    make_event, make_user, client, role, name, kwargs, method, data, allowed
):
    event = make_event(EventStatus.OPEN)
    if role != "anonymous":
        client.force_login(make_user(role))
    response = getattr(client, method)(url(event, name, **kwargs), data)
    expected = {"anonymous": 302, "administrator": allowed}.get(role, 403)
    assert response.status_code == expected
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_a_second_invitation_after_a_change_replaces_the_calendar_entry(make_event, people):
    event = make_event(EventStatus.OPEN)
    first = invitation_deliver(attendee_id=event.attendees.get(user=people["leader"]).pk)
    assert first is True
    set_status(event, EventStatus.PLANNING)
    services.event_update(event=event, by=people["administrator"], start_time=dt.time(10, 0))
    invitation_deliver(attendee_id=event.attendees.get(user=people["teacher"]).pk)
    before, after = (_ics(message).events[0] for message in mail.outbox)
    assert str(before["uid"]) == str(after["uid"])
    assert (before.start.hour, after.start.hour) == (9, 10)

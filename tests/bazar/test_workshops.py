"""A group's workshops: scheduling (organisers), the invitation e-mails with a calendar
entry (once per member and time, in the person's language), and the reminders due exactly
the day before (never twice)."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from bazar import selectors_groups, services_groups, services_workshops
from bazar.calendar import ZONE
from bazar.exceptions import NotAllowed, Refused
from bazar.models import Workshop
from bazar.services_workshops import (
    SEND_WORKSHOP_INVITATION,
    SEND_WORKSHOP_REMINDER,
    workshop_mail_deliver,
    workshop_reminders_due,
)
from bazar.tasks import send_workshop_invitation, workshop_reminders
from labportal.jobs.models import Job
from labportal.notifications.models import Notification

pytestmark = pytest.mark.django_db

STARTS = dt.datetime(2031, 3, 12, 9, 0, tzinfo=ZONE)


@pytest.fixture
def group(groups_world):
    """The Bioanalytiker group of booth 0: leader, a1, a2."""
    found = selectors_groups.grouping_page(groups_world["event"], "education").suggestions
    return services_groups.group_accept(
        event=groups_world["event"],
        by=groups_world["administrator"],
        basis="education",
        key=found.suggestions[0].key,
    )


def _workshop(group, number=1) -> Workshop:
    workshop = Workshop.objects.get(group=group, number=number)
    workshop.group = group
    return workshop


def _schedule(world, group, number=1, starts=STARTS):
    return services_workshops.workshop_schedule(
        workshop=_workshop(group, number),
        by=world["administrator"],
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3, minutes=30),
        place="KEA, lokale 2.14",
    )


def test_scheduling_and_its_refusals(groups_world, group):
    workshop = _schedule(groups_world, group)
    assert (workshop.starts_at, workshop.place) == (STARTS, "KEA, lokale 2.14")
    with pytest.raises(Refused):
        services_workshops.workshop_schedule(
            workshop=_workshop(group),
            by=groups_world["administrator"],
            starts_at=STARTS,
            ends_at=STARTS,
            place="",
        )
    with pytest.raises(NotAllowed):  # a member of the group does not schedule
        services_workshops.workshop_schedule(
            workshop=_workshop(group),
            by=groups_world["users"]["a1"],
            starts_at=STARTS + dt.timedelta(days=1),
            ends_at=STARTS + dt.timedelta(days=1, hours=2),
            place="",
        )
    assert Workshop.objects.get(pk=workshop.pk).starts_at == STARTS


def test_scheduling_through_the_page(groups_world, group, client_for):
    client = client_for(groups_world["member"])
    url = reverse(
        "bazar:workshop_schedule",
        kwargs={"event": groups_world["event"].slug, "group_id": group.pk, "number": 2},
    )
    data = {"w2-date": "2031-04-02", "w2-starts": "12:30", "w2-ends": "16:00", "w2-place": "TEC"}
    assert client.post(url, data).status_code == 302
    workshop = Workshop.objects.get(group=group, number=2)
    assert workshop.starts_at == dt.datetime(2031, 4, 2, 12, 30, tzinfo=ZONE)
    bad = data | {"w2-ends": "11:00"}
    assert client.post(url, bad).status_code == 400
    assert client.post(url, {"w2-date": "i morgen"}).status_code == 400
    assert Workshop.objects.get(pk=workshop.pk).starts_at == workshop.starts_at
    member = client_for(groups_world["users"]["a1"])
    assert member.post(url, data).status_code == 403


def test_inviting_before_a_time_is_refused(groups_world, group):
    with pytest.raises(Refused):
        services_workshops.workshop_invite(
            workshop=_workshop(group), by=groups_world["administrator"]
        )
    assert not Job.objects.filter(task=SEND_WORKSHOP_INVITATION).exists()


def _ics(message) -> Calendar:
    [(name, content, mimetype)] = message.attachments
    assert name == "workshop.ics"
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_the_invitations_go_once_with_the_calendar_entry(
    groups_world, group, django_capture_on_commit_callbacks
):
    a1 = groups_world["users"]["a1"]
    a1.language = "en"
    a1.save(update_fields=["language"])
    _schedule(groups_world, group)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        n = services_workshops.workshop_invite(
            workshop=_workshop(group), by=groups_world["administrator"]
        )
    assert n == 3
    members = {groups_world["users"][k].email for k in ("a1", "a2", "leader")}
    assert {m.to[0] for m in mail.outbox} == members
    english = next(m for m in mail.outbox if m.to == [a1.email])
    assert english.subject.startswith("Invitation: workshop 1 of")
    assert "12.03.2031" in english.subject
    danish = next(m for m in mail.outbox if m.to != [a1.email])
    assert "Hvornår:" in danish.body
    assert "When:" in english.body
    entry = _ics(english).events[0]
    assert entry.start == STARTS
    assert str(entry.start.tzinfo) == "Europe/Copenhagen"
    assert str(entry["location"]) == "KEA, lokale 2.14"
    assert f"/groups/{group.pk}/" in str(entry["url"])
    assert Workshop.objects.get(group=group, number=1).invited_at is not None
    assert Notification.objects.filter(recipient=a1, emailed_at__isnull=False).count() == 1

    # Again: nothing new is recorded or sent; the job run again sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        again = services_workshops.workshop_invite(
            workshop=_workshop(group), by=groups_world["administrator"]
        )
    assert again == 0
    job = Job.objects.filter(task=SEND_WORKSHOP_INVITATION).first()
    assert send_workshop_invitation.job_function(**job.kwargs) is False
    assert workshop_mail_deliver(**job.kwargs) is False
    assert len(mail.outbox) == 3
    assert Job.objects.filter(task=SEND_WORKSHOP_INVITATION).count() == 3

    # A new time invites again (the calendar entry keeps its UID).
    _schedule(groups_world, group, starts=STARTS + dt.timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services_workshops.workshop_invite(
                workshop=_workshop(group), by=groups_world["administrator"]
            )
            == 3
        )
    assert len(mail.outbox) == 6
    later = next(m for m in mail.outbox[3:] if m.to == [a1.email])
    assert str(_ics(later).events[0]["uid"]) == str(entry["uid"])
    # The old job (the old time) sends nothing if it runs late.
    assert workshop_mail_deliver(**job.kwargs) is False


def test_a_person_who_left_the_group_is_not_invited(groups_world, group):
    _schedule(groups_world, group)
    services_workshops.workshop_invite(workshop=_workshop(group), by=groups_world["administrator"])
    job = Job.objects.get(
        task=SEND_WORKSHOP_INVITATION, kwargs__user_id=groups_world["users"]["a2"].pk
    )
    mail.outbox.clear()
    services_groups.group_card_move(
        event=groups_world["event"],
        by=groups_world["administrator"],
        card=groups_world["cards"]["a2"],
        to=None,
    )
    assert workshop_mail_deliver(**job.kwargs) is False
    assert mail.outbox == []


def test_reminders_are_due_exactly_the_day_before_and_go_once(
    groups_world, group, django_capture_on_commit_callbacks
):
    _schedule(groups_world, group)  # 12 March 2031, 09:00
    services_workshops.workshop_invite(workshop=_workshop(group), by=groups_world["administrator"])
    _schedule(groups_world, group, number=2, starts=STARTS + dt.timedelta(days=1))  # not invited
    mail.outbox.clear()
    two_days_before = dt.datetime(2031, 3, 10, 23, 59, tzinfo=ZONE)
    same_day = dt.datetime(2031, 3, 12, 7, 0, tzinfo=ZONE)
    assert workshop_reminders_due(two_days_before) == 0
    assert workshop_reminders_due(same_day) == 0
    day_before = dt.datetime(2031, 3, 11, 0, 5, tzinfo=ZONE)
    with django_capture_on_commit_callbacks(execute=True):
        assert workshop_reminders_due(day_before) == 3
    assert len(mail.outbox) == 3
    assert all(m.subject.startswith("I morgen") or "Tomorrow" in m.subject for m in mail.outbox)
    assert all(_ics(m).events[0].start == STARTS for m in mail.outbox)
    # The job again the same day (later hours): nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert workshop_reminders_due(day_before + dt.timedelta(hours=20)) == 0
    assert len(mail.outbox) == 3
    assert Job.objects.filter(task=SEND_WORKSHOP_REMINDER).count() == 3


def test_the_beat_task_calls_the_service(groups_world, group):
    # Nothing is due today for a workshop in 2031: the task answers 0 and records nothing.
    _schedule(groups_world, group)
    assert workshop_reminders.run() == 0
    assert not Job.objects.filter(task=SEND_WORKSHOP_REMINDER).exists()


def test_the_group_formed_notification_is_in_the_persons_language(groups_world, in_english):
    a1 = groups_world["users"]["a1"]
    a1.language = "en"
    a1.save(update_fields=["language"])
    found = selectors_groups.grouping_page(groups_world["event"], "education").suggestions
    group = services_groups.group_accept(
        event=groups_world["event"],
        by=groups_world["administrator"],
        basis="education",
        key=found.suggestions[0].key,
    )
    mine = Notification.objects.get(recipient=a1)
    assert mine.subject == f"You are in the follow-up group “{group.title}”"
    other = Notification.objects.get(recipient=groups_world["users"]["a2"])
    assert other.url == mine.url
    assert Job.objects.filter(task="notifications.send_emails").count() == 1

"""The daily effect job (bazar/effect.py): due at 90 days not 89, who gets a survey, the
e-mail with a link whose token only the e-mail holds, reminders, and nothing twice."""

import datetime
import hashlib
import re
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from bazar import effect
from bazar.enums import Commitment, EventStatus
from bazar.models import (
    Attendee,
    EffectSurvey,
    FollowUpGroup,
    GroupCard,
    InterestCard,
)
from labportal.jobs.models import Job
from labportal.notifications.models import Notification
from tests.bazar.conftest import set_status

EVENT_DAY = datetime.date(2030, 5, 1)  # the conftest event's date


def day(n: int) -> datetime.date:
    return EVENT_DAY + datetime.timedelta(days=n)


@contextmanager
def clock(n: int, hour: int = 10):
    """timezone.now() is `n` days after the event (auto_now fields too)."""
    moment = datetime.datetime.combine(day(n), datetime.time(hour), tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


def attend(event, user, education, *, checked_in: bool) -> Attendee:
    attendee, _ = Attendee.objects.get_or_create(
        event=event, user=user, defaults={"education": education, "role": "teacher"}
    )
    attendee.checked_in_at = timezone.now() if checked_in else None
    attendee.save()
    return attendee


def card(booth, user, commitment=Commitment.IMPLEMENT) -> InterestCard:
    return InterestCard.objects.create(booth=booth, visitor=user, commitment=commitment)


def group(booth, title, cards) -> FollowUpGroup:
    made = FollowUpGroup.objects.create(
        event=booth.event, booth=booth, title=title, basis="education"
    )
    GroupCard.objects.bulk_create(GroupCard(group=made, card=c) for c in cards)
    return made


def run_daily(n: int, django_capture_on_commit_callbacks) -> dict:
    """The job on day `n`, with the jobs it records run (Celery is eager in tests)."""
    with clock(n), django_capture_on_commit_callbacks(execute=True):
        return effect.effect_daily(day(n))


@pytest.fixture
def loop(make_bazar, people, make_user, educations):
    """An event in follow-up with two booths and:
    - leader (checked in): "implement" card at booth 0, in no group → a survey about the card;
    - teacher (invited, not checked in): "implement" card at booth 1, in no group → none;
    - member_a, member_b (not checked in): "try" cards at booth 0 in group "Bio" → a survey
      each about the group;
    - browser (checked in): "inspiration" card at booth 1 → none;
    - late (not checked in, in a group at booth 1): an "implement" card at booth 0 in no
      group → a survey (belongs to a follow-up group)."""
    event, booths = make_bazar("follow_up", booths=2)
    member_a = make_user("staff", first_name="Alma", email="alma@example.org")
    member_b = make_user("staff", first_name="Bo", email="bo@example.org", language="en")
    browser = make_user("staff", first_name="Bent")
    late = make_user("staff", first_name="Lis")
    for user, checked in ((member_a, False), (member_b, False), (browser, True), (late, False)):
        attend(event, user, educations[1], checked_in=checked)
    leader_card = card(booths[0], people["leader"])
    card(booths[1], people["teacher"])
    card(booths[1], browser, Commitment.INSPIRATION)
    late_card = card(booths[0], late)
    bio = group(
        booths[0],
        "Bio",
        [card(booths[0], member_a, Commitment.TRY), card(booths[0], member_b, Commitment.TRY)],
    )
    group(booths[1], "El", [card(booths[1], late, Commitment.TRY)])
    return {
        "event": event,
        "booths": booths,
        "group": bio,
        "leader_card": leader_card,
        "late_card": late_card,
        "members": (member_a, member_b),
        "late": late,
    }


def test_nothing_is_due_at_89_days(loop, django_capture_on_commit_callbacks):
    assert run_daily(89, django_capture_on_commit_callbacks) == {"surveys": 0, "reminders": 0}
    assert not EffectSurvey.objects.exists()
    assert mail.outbox == []


def test_at_90_days_group_members_and_implementers_get_one_survey_each(
    loop, people, django_capture_on_commit_callbacks
):
    result = run_daily(90, django_capture_on_commit_callbacks)
    surveys = EffectSurvey.objects.all()
    about = {(s.recipient_id, s.group_id, s.card_id) for s in surveys}
    a, b = loop["members"]
    assert about == {
        (people["leader"].pk, None, loop["leader_card"].pk),
        (a.pk, loop["group"].pk, None),
        (b.pk, loop["group"].pk, None),
        # group "El" at booth 1 (late is its only member) and late's own implement card
        (
            loop["late"].pk,
            loop["late"].bazar_cards.get(commitment="try").group_membership.group_id,
            None,
        ),
        (loop["late"].pk, None, loop["late_card"].pk),
    }
    assert result == {"surveys": 5, "reminders": 0}
    # the not checked-in teacher's card and the inspiration card get none
    assert not surveys.filter(recipient=people["teacher"]).exists()
    assert all(s.sent_at is not None for s in surveys)
    assert all(s.expires_at - s.sent_at == datetime.timedelta(days=60) for s in surveys)
    assert len(mail.outbox) == 5
    assert Notification.objects.filter(subject__in=[m.subject for m in mail.outbox]).count() == 5
    assert Job.objects.filter(task=effect.SEND_SURVEY, state=Job.State.DONE).count() == 5


def test_the_link_is_only_in_the_email(loop, django_capture_on_commit_callbacks):
    run_daily(90, django_capture_on_commit_callbacks)
    a, _b = loop["members"]
    message = next(m for m in mail.outbox if m.to == [a.email])
    token = re.search(r"/bazar/survey/([\w-]+)/", message.body).group(1)
    survey = EffectSurvey.objects.get(recipient=a)
    assert survey.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert len(token) >= 43
    assert "Alma" in message.body
    # neither the job's arguments nor the inbox hold the token
    assert not Job.objects.filter(kwargs__icontains=token).exists()
    assert not Notification.objects.filter(body__contains=token).exists()


def test_the_email_is_in_the_recipients_language_with_the_events_text(
    loop, django_capture_on_commit_callbacks
):
    type(loop["event"]).objects.filter(pk=loop["event"].pk).update(
        survey_text="Hej fra arbejdsgruppen!"
    )
    run_daily(90, django_capture_on_commit_callbacks)
    _a, b = loop["members"]
    message = next(m for m in mail.outbox if m.to == [b.email])
    assert "Hej fra arbejdsgruppen!" in message.body
    assert message.subject.startswith("What became of")  # Bo reads English


def test_running_twice_the_same_day_sends_nothing_twice(loop, django_capture_on_commit_callbacks):
    run_daily(90, django_capture_on_commit_callbacks)
    again = run_daily(90, django_capture_on_commit_callbacks)
    assert again == {"surveys": 0, "reminders": 0}
    assert EffectSurvey.objects.count() == 5
    assert len(mail.outbox) == 5


def test_reminders_come_once_each_and_one_a_day(loop, django_capture_on_commit_callbacks):
    run_daily(90, django_capture_on_commit_callbacks)
    answered = EffectSurvey.objects.get(recipient=loop["members"][0])
    with clock(95):
        effect.survey_answer(token=_token_of(answered), outcome="implemented")
    assert run_daily(103, django_capture_on_commit_callbacks)["reminders"] == 0
    mail.outbox.clear()
    assert run_daily(104, django_capture_on_commit_callbacks)["reminders"] == 4
    assert run_daily(104, django_capture_on_commit_callbacks)["reminders"] == 0
    assert len(mail.outbox) == 4
    assert all(m.subject.startswith(("Reminder", "Påmindelse")) for m in mail.outbox)

    def open_():
        return EffectSurvey.objects.filter(answered_at__isnull=True)

    assert {s.reminders_sent for s in open_()} == {1}
    assert EffectSurvey.objects.get(pk=answered.pk).reminders_sent == 0
    # day 120: 30 days after sending, the second reminder (28 days) once
    assert run_daily(120, django_capture_on_commit_callbacks)["reminders"] == 4
    assert run_daily(120, django_capture_on_commit_callbacks)["reminders"] == 0
    assert run_daily(140, django_capture_on_commit_callbacks)["reminders"] == 0
    assert {s.reminders_sent for s in open_()} == {2}
    assert len(mail.outbox) == 8


def test_the_first_run_at_120_days_sends_and_reminds_later(
    loop, django_capture_on_commit_callbacks
):
    assert run_daily(120, django_capture_on_commit_callbacks) == {"surveys": 5, "reminders": 0}
    assert run_daily(120, django_capture_on_commit_callbacks) == {"surveys": 0, "reminders": 0}
    assert run_daily(134, django_capture_on_commit_callbacks)["reminders"] == 5


def test_a_reminder_rotates_the_token_and_keeps_the_expiry(
    loop, django_capture_on_commit_callbacks
):
    run_daily(90, django_capture_on_commit_callbacks)
    survey = EffectSurvey.objects.get(recipient=loop["members"][0])
    old_hash, expires = survey.token_hash, survey.expires_at
    run_daily(104, django_capture_on_commit_callbacks)
    survey.refresh_from_db()
    assert survey.token_hash != old_hash
    assert survey.expires_at == expires
    assert survey.last_reminded_at is not None


def test_events_not_in_follow_up_get_no_surveys(loop, django_capture_on_commit_callbacks):
    set_status(loop["event"], EventStatus.CLOSED)
    assert run_daily(120, django_capture_on_commit_callbacks)["surveys"] == 0
    set_status(loop["event"], EventStatus.MAPPED)
    assert run_daily(120, django_capture_on_commit_callbacks)["surveys"] == 0


def test_the_days_until_the_survey_are_the_events(loop, django_capture_on_commit_callbacks):
    type(loop["event"]).objects.filter(pk=loop["event"].pk).update(survey_after_days=30)
    assert run_daily(30, django_capture_on_commit_callbacks)["surveys"] == 5


def test_a_survey_job_recorded_before_the_event_closed_sends_nothing(
    loop, django_capture_on_commit_callbacks
):
    with clock(90):
        effect.surveys_create(loop["event"])  # recorded, not run (no commit callbacks)
    set_status(loop["event"], EventStatus.MAPPED)
    survey = EffectSurvey.objects.first()
    assert effect.survey_deliver(survey_id=survey.pk) is False
    assert mail.outbox == []


def _token_of(survey) -> str:
    """A fresh token for a survey in a test (what the e-mail would carry)."""
    token, survey.token_hash = effect.new_token()
    survey.save(update_fields=["token_hash"])
    return token

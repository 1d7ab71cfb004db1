"""Receipts: closing the event records one job per visitor with cards; each visitor gets an
inbox notification and one e-mail listing their cards, in their language, once."""

import pytest
from django.core import mail

from bazar import services
from bazar.enums import Commitment, EventStatus
from bazar.models import Booth
from bazar.receipts import receipt_deliver, receipt_key, receipt_url
from bazar.tasks import send_receipt
from labportal.jobs.models import Job
from labportal.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(make_event, people):
    event = make_event(EventStatus.RUNNING)
    booths = [
        Booth.objects.create(event=event, slug=f"bod-{n}", title=f"Bod {n}", order=n)
        for n in (1, 2)
    ]
    services.card_submit(
        event=event,
        booth=booths[1],
        visitor=people["leader"],
        commitment=Commitment.IMPLEMENT,
        take_home="Faste makkerpar i første semester",
    )
    services.card_submit(
        event=event,
        booth=booths[0],
        visitor=people["leader"],
        commitment=Commitment.TRY,
        take_home="",
    )
    services.card_submit(
        event=event,
        booth=booths[0],
        visitor=people["teacher"],
        commitment=Commitment.INSPIRATION,
        take_home="Spørgeark til praktikken",
    )
    return event


def test_closing_sends_each_visitor_one_receipt(
    running, people, django_capture_on_commit_callbacks
):
    leader, teacher = people["leader"], people["teacher"]
    leader.language = "en"
    leader.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.event_move(event=running, by=people["administrator"], to_status="closed")
    keys = set(Job.objects.filter(task="bazar.send_receipt").values_list("key", flat=True))
    assert keys == {receipt_key(running.pk, leader.pk), receipt_key(running.pk, teacher.pk)}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([leader.email, teacher.email])
    english = next(m for m in mail.outbox if m.to == [leader.email])
    assert english.subject == "Your interest cards from Bazar på KEA"
    body = english.body
    assert body.index("Bod 1") < body.index("Bod 2")  # in the booths' order
    assert "Will implement it" in body
    assert "Faste makkerpar i første semester" in body
    danish = next(m for m in mail.outbox if m.to == [teacher.email])
    assert "Spørgeark til praktikken" in danish.body
    assert "Inspiration" in danish.body
    assert "Bod 2" not in danish.body
    notification = Notification.objects.get(recipient=leader)
    assert notification.url == receipt_url(running)
    assert notification.emailed_at is not None

    # A job run again, or a job for the same visitor recorded again: nothing more.
    assert send_receipt.job_function(event_id=running.pk, user_id=leader.pk) is False
    assert receipt_deliver(event_id=running.pk, user_id=leader.pk) is False
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(recipient=leader).count() == 1


def test_no_cards_no_receipt(make_event, people, django_capture_on_commit_callbacks):
    event = make_event(EventStatus.RUNNING)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_move(event=event, by=people["administrator"], to_status="closed")
    assert not Job.objects.filter(task="bazar.send_receipt").exists()
    assert mail.outbox == []
    assert receipt_deliver(event_id=event.pk, user_id=people["staff"].pk) is False


def test_other_moves_send_no_receipt(make_event, people):
    event = make_event(EventStatus.PLANNING)
    services.event_move(event=event, by=people["administrator"], to_status="open")
    assert not Job.objects.exists()


def test_a_gone_event_or_person_is_skipped(running, people):
    assert receipt_deliver(event_id=999999, user_id=people["leader"].pk) is False
    assert receipt_deliver(event_id=running.pk, user_id=999999) is False
    assert not Notification.objects.exists()

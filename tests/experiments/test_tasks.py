"""Notifications on moves of the wheel: team and owner (not the one who moved), in their
language, stored with the move; their e-mails go after commit."""

import pytest
from django.core import mail
from django.utils import translation

from experiments import services
from experiments.enums import Phase
from labportal.jobs.models import Job
from labportal.notifications.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def _expected_subject(user, title):
    with translation.override(user.language):
        return translation.gettext("“%(title)s” has been launched") % {"title": title}


def test_launch_notifies_team_and_owner_with_the_move(wheel, django_capture_on_commit_callbacks):
    experiment = wheel["experiment"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        transition = services.experiment_launch(
            experiment=experiment, by=wheel["track_owner"], note="Go", expected_phase="pre"
        )
        # Stored with the move; the e-mails wait for the commit.
        assert Notification.objects.count() == 3
        assert Job.objects.get().state == Job.State.PENDING
        assert mail.outbox == []
    assert len(callbacks) >= 1
    assert Job.objects.get().state == Job.State.DONE
    notes = Notification.objects.select_related("recipient").order_by("recipient__username")
    assert [n.recipient.username for n in notes] == ["colleague", "member", "owner"]
    for n in notes:
        assert n.subject == _expected_subject(n.recipient, experiment.title)
        assert n.url == f"/experiments/{experiment.slug}/#transition-{transition.pk}"
        assert "Go" in n.body
        assert n.emailed_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(n.recipient.email for n in notes)
    assert all(experiment.title in m.subject for m in mail.outbox)


def test_each_recipient_gets_their_own_language(
    wheel, django_capture_on_commit_callbacks, monkeypatch
):
    experiment = wheel["experiment"]
    experiment.phase = Phase.DESIGN
    experiment.save(update_fields=["phase"])
    seen = {}
    original = translation.gettext

    def spy(message):
        seen.setdefault(translation.get_language(), message)
        return original(message)

    import experiments.notify as notify_module

    monkeypatch.setattr(notify_module, "_", spy)
    with django_capture_on_commit_callbacks(execute=True):
        services.experiment_advance(
            experiment=experiment, by=wheel["colleague"], note="Videre", expected_phase="design"
        )
    assert set(seen) == {"da", "en"}  # member reads Danish; the owner English
    assert Notification.objects.filter(recipient=wheel["member"]).count() == 1


def test_whoever_moves_is_not_told_of_their_own_move(wheel, django_capture_on_commit_callbacks):
    experiment = wheel["experiment"]
    with django_capture_on_commit_callbacks(execute=True):
        services.experiment_launch(
            experiment=experiment, by=wheel["owner"], note="x", expected_phase="pre"
        )
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"member", "colleague"}
    assert wheel["owner"].email not in [m.to[0] for m in mail.outbox]


def test_the_email_job_run_twice_sends_each_email_once(wheel, django_capture_on_commit_callbacks):
    from labportal.jobs import services as jobs

    with django_capture_on_commit_callbacks(execute=True):
        services.experiment_launch(
            experiment=wheel["experiment"], by=wheel["track_owner"], note="x", expected_phase="pre"
        )
    job = Job.objects.get()
    sent = len(mail.outbox)
    assert sent == 3
    jobs.retry(job)  # an administrator's retry of a finished job does nothing
    Job.objects.filter(pk=job.pk).update(state=Job.State.PENDING)  # as if delivered again
    from labportal.notifications.tasks import send_notification_emails

    assert send_notification_emails.delay(job_id=job.pk).get() == "done"
    assert len(mail.outbox) == sent


def test_no_notification_when_the_move_is_refused(wheel, django_capture_on_commit_callbacks):
    from experiments.exceptions import TransitionNotAllowed

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionNotAllowed):
        services.experiment_launch(
            experiment=wheel["experiment"], by=wheel["member"], note="x", expected_phase="pre"
        )
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_opening_a_notification_marks_it_read_and_follows_its_link(
    wheel, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.experiment_launch(
            experiment=wheel["experiment"], by=wheel["owner"], note="x", expected_phase="pre"
        )
    mine = Notification.objects.get(recipient=wheel["member"])
    theirs = Notification.objects.get(recipient=wheel["colleague"])
    client = client_for(wheel["member"])
    inbox = client.get("/notifications/").content.decode()
    assert f'href="/notifications/{mine.pk}/"' in inbox
    response = client.get(f"/notifications/{mine.pk}/")
    assert response.status_code == 302
    assert response["Location"] == mine.url
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.get(f"/notifications/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None

"""Notifications on their own: created in each recipient's language, e-mailed once after
commit, read and opened only by their recipient."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from labportal.jobs.models import Job
from labportal.notifications.models import Notification
from labportal.notifications.services import notifications_create, notifications_mark_read
from labportal.notifications.tasks import send_notification_emails

pytestmark = pytest.mark.django_db


def render_greeting():
    return _("Dashboard"), "Body"


def test_one_notification_per_person_in_their_language(
    make_user, django_capture_on_commit_callbacks
):
    danish = make_user(username="dansk", language="da", email="dansk@example.org")
    english = make_user(username="engelsk", language="en", email="engelsk@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        created = notifications_create(
            recipients=[danish, english, danish], render=render_greeting, url="/experiments/"
        )
    assert len(created) == 2
    subjects = {n.recipient.username: n.subject for n in created}
    assert subjects == {"dansk": "Forside", "engelsk": "Dashboard"}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "dansk@example.org",
        "engelsk@example.org",
    ]
    assert all(message.body.endswith("/experiments/") for message in mail.outbox)


def test_emails_wait_for_the_commit_and_go_out_once(make_user, django_capture_on_commit_callbacks):
    person = make_user(email="person@example.org")
    with django_capture_on_commit_callbacks() as callbacks:
        [notification] = notifications_create(recipients=[person], render=render_greeting)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    send = send_notification_emails.job_function
    assert send(notification_ids=[notification.pk]) == 0  # already sent
    assert len(mail.outbox) == 1


def test_no_email_address_no_email_and_no_job(make_user, django_capture_on_commit_callbacks):
    person = make_user(email="")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notifications_create(recipients=[person], render=render_greeting)
    assert not Job.objects.exists()
    assert send_notification_emails.job_function(notification_ids=[notification.pk]) == 0
    assert mail.outbox == []


def test_marking_read_touches_only_my_notifications(make_user):
    me, other = make_user(username="mig"), make_user(username="anden")
    mine = notifications_create(recipients=[me], render=render_greeting)
    theirs = notifications_create(recipients=[other], render=render_greeting)
    assert notifications_mark_read(user=me, ids=[mine[0].pk, theirs[0].pk]) == 1
    assert Notification.objects.get(pk=theirs[0].pk).read_at is None


def test_someone_elses_notification_cannot_be_opened(client_for, make_user):
    me, other = make_user(username="mig"), make_user(username="anden")
    [theirs] = notifications_create(recipients=[other], render=render_greeting)
    response = client_for(me).get(reverse("notifications:open", args=[theirs.pk]))
    assert response.status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_opening_follows_only_links_on_this_site(client_for, make_user):
    me = make_user()
    [outside] = notifications_create(
        recipients=[me], render=render_greeting, url="https://evil.example/"
    )
    response = client_for(me).get(reverse("notifications:open", args=[outside.pk]))
    assert response.url == reverse("notifications:inbox")


def test_the_inbox_shows_mine_with_a_constant_number_of_queries(client_for, make_user):
    me, other = make_user(username="mig"), make_user(username="anden")
    client = client_for(me)
    notifications_create(recipients=[me], render=lambda: ("Min første", ""))
    notifications_create(recipients=[other], render=lambda: ("Ikke min", ""))
    client.get(reverse("notifications:inbox"))  # sessions, caches settle
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("notifications:inbox")).content.decode()
    for n in range(20):
        notifications_create(recipients=[me], render=lambda n=n: (f"Besked {n}", ""))
    client.get(reverse("notifications:inbox"))  # the header's unread count is counted anew
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("notifications:inbox"))
    assert "Min første" in page
    assert "Ikke min" not in page
    assert len(many) == len(few)


def test_a_silent_mail_server_times_out_into_a_retry(
    make_user, settings, django_capture_on_commit_callbacks
):
    """An SMTP server that accepts and never answers: the send fails within EMAIL_TIMEOUT
    (below the task's soft time limit), the job waits to try again, and the notification
    stays unsent until then."""
    import socket

    assert send_notification_emails.soft_time_limit > settings.EMAIL_TIMEOUT
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts (the kernel does), never speaks
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = silent.getsockname()
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 1
        person = make_user(email="person@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            [notification] = notifications_create(recipients=[person], render=render_greeting)
    finally:
        silent.close()
    job = Job.objects.get()
    assert (job.state, job.attempts) == (Job.State.PENDING, 1)
    assert "timed out" in job.last_error
    notification.refresh_from_db()
    assert notification.emailed_at is None

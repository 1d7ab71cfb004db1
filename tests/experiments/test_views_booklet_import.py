"""The administrators' import page: upload -> dry run (a job) -> report -> confirm -> import (a
job) -> result (in English; tests/booklet/test_danish.py checks Danish)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from experiments.models import BookletUpload, Experiment
from labportal.jobs.models import Job

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def upload(client, name: str, content: bytes, **data):
    return client.post(
        reverse("experiments:booklet_import"),
        {"file": SimpleUploadedFile(name, content), **data},
    )


def test_admin_uploads_sees_dry_run_confirms_and_gets_the_result(
    client_for,
    admin_user_,
    booklet_text,
    media_root,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    from labportal.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)  # with or without REDIS_URL
    client = client_for(admin_user_)
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(client, "hæfte.txt", booklet_text.encode())
    stored = BookletUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "experiments:booklet_import_detail", kwargs={"token": stored.token}
    )
    assert stored.status == BookletUpload.Status.CHECKING  # the dry run is a job
    waiting = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "Checking the file" in waiting
    assert 'hx-trigger="every 1s"' in waiting
    for callback in callbacks:
        callback()  # the commit: the job runs (eagerly here)
    stored.refresh_from_db()
    assert stored.status == BookletUpload.Status.CHECKED
    assert stored.job.state == Job.State.DONE
    assert Experiment.objects.count() == 0

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert stored.dry_run_report["counts"]["experiment"]["created"] == 22
    assert "Forsøgsspor: Vidensbaseret ledelsesform" in html  # a passage it could not place
    assert "<td>22</td>" in html

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        confirmed = client.post(response["Location"])  # the task runs after the commit
    assert confirmed.status_code == 302
    stored.refresh_from_db()
    assert stored.status == BookletUpload.Status.DONE
    assert stored.report["counts"]["experiment"] == {"created": 22, "updated": 0, "unchanged": 0}
    assert Experiment.objects.count() == 22
    assert set(Experiment.objects.values_list("transitions__by", flat=True)) == {admin_user_.pk}
    result = client.get(response["Location"]).content.decode()
    assert "hx-trigger" not in result
    assert reverse("experiments:list") in result

    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"])  # confirming twice imports once
    assert Job.objects.filter(task="experiments.import_booklet").count() == 1
    assert Experiment.objects.count() == 22


def test_progress_partial_polls_while_the_import_runs(client_for, admin_user_, media_root):
    stored = BookletUpload.objects.create(
        file="booklets/x.txt", original_name="x.txt", status=BookletUpload.Status.RUNNING
    )
    from django.core.cache import cache

    from experiments.services_booklet import progress_key

    cache.set(progress_key(stored.pk), {"done": 3, "total": 12})
    client = client_for(admin_user_)
    url = reverse("experiments:booklet_import_detail", kwargs={"token": stored.token})
    partial = client.get(url, headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<progress id="booklet-progress" max="100" value="25">' in html
    assert "<html" not in html
    assert "HX-Request" in partial["Vary"]
    cache.delete(progress_key(stored.pk))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.docx", b"PK\x03\x04", "Upload a .txt or a .pdf file."),
        ("random.pdf", b"\x89garbage" * 50, "The file is not a PDF."),
    ],
)
def test_bad_files_are_refused_with_a_message(
    client_for, admin_user_, media_root, name, content, message
):
    response = upload(client_for(admin_user_), name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert BookletUpload.objects.count() == 0


def test_a_file_that_is_no_booklet_fails_its_dry_run_with_a_message(
    client_for, admin_user_, media_root, django_capture_on_commit_callbacks
):
    client = client_for(admin_user_)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "notes.txt", b"Ingen eksperimenter her.")
    stored = BookletUpload.objects.get()
    assert stored.status == BookletUpload.Status.FAILED
    html = client.get(response["Location"]).content.decode()
    assert "could not be read as a booklet" in html
    assert "does not look like an inspiration" in html
    assert "hx-trigger" not in html
    assert Experiment.objects.count() == 0


def test_the_page_says_when_the_job_waits_for_the_background_service(
    client_for, admin_user_, media_root
):
    """The broker did not take the job (Redis away): the page says so; nothing is lost."""
    client = client_for(admin_user_)
    response = upload(client, "notes.txt", b"Eksperiment: x")  # no commit: never published
    stored = BookletUpload.objects.get()
    assert stored.job.enqueued_at is None
    html = client.get(response["Location"]).content.decode()
    assert "the background service has not taken it yet" in html
    Job.objects.filter(pk=stored.job_id).update(state=Job.State.FAILED)
    html = client.get(response["Location"]).content.decode()
    assert "stopped without finishing" in html
    assert reverse("jobs:list") in html


def test_too_large_files_are_refused(client_for, admin_user_, media_root, settings):
    from experiments import forms_booklet

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    original = forms_booklet.MAX_UPLOAD_BYTES
    forms_booklet.MAX_UPLOAD_BYTES = 10
    try:
        response = upload(client_for(admin_user_), "big.txt", b"x" * 11)
    finally:
        forms_booklet.MAX_UPLOAD_BYTES = original
    assert response.status_code == 400
    assert "larger than 20 MB" in response.content.decode()


@pytest.mark.parametrize("role", ["staff", "strategic", "leader"])
def test_only_administrators_may_import(client, make_user, role, media_root):
    client.force_login(make_user(role))
    assert client.get(reverse("experiments:booklet_import")).status_code == 403
    response = upload(client, "x.txt", b"Eksperiment: x")
    assert response.status_code == 403
    assert BookletUpload.objects.count() == 0


def test_the_dry_run_report_lists_track_labels_resolved_as_aliases(
    client_for, admin_user_, media_root, django_capture_on_commit_callbacks
):
    from tests.booklet.mini import MINI_BOOKLET, MOEDER_LINE

    client = client_for(admin_user_)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "mini.txt", MINI_BOOKLET.encode())
    html = client.get(response["Location"]).content.decode()
    assert "Track labels resolved as aliases" in html
    assert (
        f"<tr><td>{MOEDER_LINE}</td><td>Deltaform</td><td>Betabaseret ledelse</td>"
        "<td>from the track chapter the experiment stands in</td></tr>"
    ) in html
    assert Experiment.objects.count() == 0

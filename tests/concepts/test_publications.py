"""Booklets and fact sheets made from the publications page: who may ask, one job per subject
at a time, the job's status row through every state, the file named by its content (asked
again: the same file), the downloads and the public link."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from concepts import publishing, tasks
from concepts.enums import PublicationKind
from concepts.exceptions import NotAllowed
from concepts.models import Publication
from labportal.jobs.models import Job
from labportal.notifications.models import Notification
from tests.factories import ExperimentFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
FACT_SHEET = PublicationKind.FACT_SHEET


@pytest.fixture
def experiment(db):
    return ExperimentFactory(title="Tillid i teamet", challenge="Lærerne arbejder alene.")


def test_only_administrators_ask_and_nothing_is_made_for_others(people, experiment, client_for):
    with pytest.raises(NotAllowed):
        publishing.publication_request(kind=FACT_SHEET, subject=experiment, by=people["staff"])
    url = reverse("concepts:publication_create", kwargs={"kind": FACT_SHEET})
    response = client_for(people["strategic"]).post(url, {"experiment": experiment.pk})
    assert response.status_code == 403
    assert Publication.objects.count() == Job.objects.count() == 0


def test_asking_twice_while_it_is_made_gives_one_job(people, experiment, client_for):
    client = client_for(people["administrator"])
    url = reverse("concepts:publication_create", kwargs={"kind": FACT_SHEET})
    for _ in range(2):
        response = client.post(url, {"experiment": experiment.pk}, follow=True)
        assert response.status_code == 200
    assert Publication.objects.count() == 1
    assert "allerede ved at blive lavet" in response.content.decode()


def test_an_unknown_subject_is_a_clear_error_and_changes_nothing(people, client_for):
    client = client_for(people["administrator"])
    url = reverse("concepts:publication_create", kwargs={"kind": PublicationKind.BOOKLET})
    response = client.post(url, {"program": "999999"})
    assert response.status_code == 400
    assert "Vælg et af programmerne på listen." in response.content.decode()
    bad_kind = reverse("concepts:publication_create", kwargs={"kind": "plakat"})
    assert client.post(bad_kind, {}).status_code == 404
    assert Publication.objects.count() == 0


def _status(client, publication) -> str:
    url = reverse("concepts:publication", kwargs={"pk": publication.pk})
    return client.get(url, **HTMX).content.decode()


def test_the_status_row_through_every_state(people, experiment, client_for):
    admin = people["administrator"]
    client = client_for(admin)
    publication, _ = publishing.publication_request(kind=FACT_SHEET, subject=experiment, by=admin)
    job = publication.job
    queued = _status(client, publication)
    assert 'hx-trigger="every 2s"' in queued
    assert "I kø" in queued
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    running = _status(client, publication)
    assert 'hx-trigger="every 2s"' in running
    assert "Bliver lavet" in running
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, last_error="OSError('disk')")
    failed = _status(client, publication)
    assert "hx-trigger" not in failed
    assert "OSError(&#x27;disk&#x27;)" in failed
    retry = reverse("concepts:publication_retry", kwargs={"pk": publication.pk})
    assert retry in failed
    client.post(retry)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.PENDING, 0)
    tasks.render_publication.job_function(publication_id=publication.pk)
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE)
    done = _status(client, publication)
    download = reverse("concepts:publication_download", kwargs={"pk": publication.pk})
    assert "hx-trigger" not in done
    assert download in done
    assert "1 side" in done


def test_the_job_makes_one_page_once_and_tells_who_asked(people, experiment):
    admin = people["administrator"]
    publication, _ = publishing.publication_request(kind=FACT_SHEET, subject=experiment, by=admin)
    tasks.render_publication.job_function(publication_id=publication.pk)
    publication.refresh_from_db()
    path = Path(settings.MEDIA_ROOT) / publication.pdf.name
    assert path.read_bytes()[:5] == b"%PDF-"
    assert publication.pages == 1
    assert len(publication.digest) == 64
    assert not list(path.parent.glob(".*.partial"))
    assert Notification.objects.filter(recipient=admin).count() == 1
    made = path.stat().st_mtime_ns
    tasks.render_publication.job_function(publication_id=publication.pk)  # the job runs twice
    assert Notification.objects.filter(recipient=admin).count() == 1
    # Asked again with nothing changed: a new request, the same file, not rendered again.
    Job.objects.filter(pk=publication.job_id).update(state=Job.State.DONE)
    again, created = publishing.publication_request(kind=FACT_SHEET, subject=experiment, by=admin)
    assert created
    tasks.render_publication.job_function(publication_id=again.pk)
    again.refresh_from_db()
    assert again.pdf.name == publication.pdf.name
    assert again.pages == 1
    assert path.stat().st_mtime_ns == made
    # Changed content: a new file beside the old one.
    experiment.title = "Tillid i hele teamet"
    experiment.save()
    Job.objects.filter(pk=again.job_id).update(state=Job.State.DONE)
    third, _ = publishing.publication_request(kind=FACT_SHEET, subject=experiment, by=admin)
    tasks.render_publication.job_function(publication_id=third.pk)
    third.refresh_from_db()
    assert third.pdf.name != publication.pdf.name
    assert path.is_file()


def test_a_render_that_fails_publishes_nothing(people, experiment, monkeypatch):
    admin = people["administrator"]
    publication, _ = publishing.publication_request(kind=FACT_SHEET, subject=experiment, by=admin)

    def broken(*args, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr("labportal.pdf.render_pdf", broken)
    with pytest.raises(OSError, match="no space left"):
        tasks.render_publication.job_function(publication_id=publication.pk)
    publication.refresh_from_db()
    assert not publication.pdf
    assert not list(Path(settings.MEDIA_ROOT).rglob(f"fact-sheet-{experiment.slug}-*"))


def test_downloads_and_the_public_link(people, experiment, client_for):
    client = Client()  # signed out
    admin = people["administrator"]
    publication, _ = publishing.publication_request(kind=FACT_SHEET, subject=experiment, by=admin)
    download = reverse("concepts:publication_download", kwargs={"pk": publication.pk})
    staff = client_for(people["staff"])
    assert staff.get(download).status_code == 404  # not made yet
    tasks.render_publication.job_function(publication_id=publication.pk)
    response = staff.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    assert f"faktaark-{experiment.slug}.pdf" in response["Content-Disposition"]
    public = reverse(
        "concepts:publication_public_download", kwargs={"token": publication.public_token}
    )
    assert client.get(public).status_code == 404
    assert client.get(download).status_code == 302  # signed out: to the sign-in page
    toggle = reverse("concepts:publication_public", kwargs={"pk": publication.pk})
    assert staff.post(toggle, {"public": "on"}).status_code == 403
    client_for(admin).post(toggle, {"public": "on"})
    response = client.get(public)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    client_for(admin).post(toggle, {})
    assert client.get(public).status_code == 404


def test_staff_find_each_programs_latest_booklet_on_the_concept_list(
    people, experiment, client_for, django_assert_max_num_queries
):
    admin = people["administrator"]
    program = experiment.program
    older = Publication.objects.create(
        kind=PublicationKind.BOOKLET, program=program, requested_by=admin, pdf="publications/a.pdf"
    )
    newer = Publication.objects.create(
        kind=PublicationKind.BOOKLET,
        program=program,
        requested_by=admin,
        pdf="publications/b.pdf",
        pages=40,
    )
    Publication.objects.filter(pk=older.pk).update(built_at="2026-01-01T10:00Z")
    Publication.objects.filter(pk=newer.pk).update(built_at="2026-02-01T10:00Z")
    html = client_for(people["staff"]).get(reverse("concepts:list")).content.decode()
    assert reverse("concepts:publication_download", kwargs={"pk": newer.pk}) in html
    assert reverse("concepts:publication_download", kwargs={"pk": older.pk}) not in html
    assert "40 sider" in html


def test_the_publications_page_costs_the_same_queries_for_any_number(
    people, client_for, django_assert_num_queries
):
    admin = people["administrator"]
    client = client_for(admin)
    url = reverse("concepts:publications")

    def add(n):
        for _ in range(n):
            experiment = ExperimentFactory()
            publishing.publication_request(kind=FACT_SHEET, subject=experiment, by=admin)

    add(1)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(12)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(many) == len(few)
    assert html.count('hx-trigger="every 2s"') == 13

"""End to end in Chromium: an administrator publishes a concept in review, watches its PDF
job on the page (waiting, then done: the page polls), and downloads the PDF."""

import pytest
from playwright.sync_api import expect

from concepts.models import Concept, ConceptVersion
from experiments.enums import Phase
from labportal.accounts.enums import Role
from labportal.jobs.models import Job
from tests.browser.helpers import assert_accessible, sign_in
from tests.factories import ExperimentFactory, TrackFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("media_in_tmp"),
]


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def concept_in_review(db):
    track = TrackFactory(title="Udforskende ledelse")
    source = ExperimentFactory(title="Tre rum", track=track, phase=Phase.CONCEPT)
    concept = Concept.objects.create(
        slug="tre-rum",
        title="Tre rum i udforskende ledelse",
        program=track.program,
        track=track,
        status="review",
        focus="Ledere skifter bevidst mellem tre rum.",
    )
    concept.source_experiments.add(source)
    return concept


@pytest.fixture
def broker_holds_the_job():
    """Publishing goes to an in-memory broker nobody reads: the job waits until the test
    runs it, as a worker would."""
    from labportal.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url="memory://", task_always_eager=False)
    yield
    app.conf.update(saved)


def test_an_administrator_publishes_a_concept_and_downloads_its_pdf(
    browser_page, live_url, shots_dir, concept_in_review, broker_holds_the_job
):
    page = browser_page
    UserFactory(username="admin", roles=[Role.STAFF, Role.ADMINISTRATOR])
    sign_in(page, live_url, "admin", "secret-password")
    page.goto(f"{live_url}/concepts/tre-rum/")
    with page.expect_navigation():
        page.get_by_role("button", name="Udgiv som ny version").click()

    version = ConceptVersion.objects.get(concept=concept_in_review)
    assert version.number == 1
    expect(page.get_by_text("PDF'en venter på at blive lavet.")).to_be_visible()
    assert_accessible(page)

    from concepts.tasks import render_concept_pdf

    assert render_concept_pdf.apply(kwargs={"job_id": version.pdf_job_id}).get() == "done"
    assert Job.objects.get(pk=version.pdf_job_id).state == Job.State.DONE

    link = page.get_by_role("link", name="Hent version 1 (PDF)")
    expect(link).to_be_visible(timeout=15_000)  # the section polls until the job is done
    page.screenshot(path=shots_dir / "concept-published.png", full_page=True)
    download = page.request.get(live_url + link.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(b"%PDF-")

"""The publishing workflow: draft -> in review -> published, by whom; versions are numbered,
frozen, withdrawn (never deleted) and have their PDF made in a background job."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from concepts import services, tasks
from concepts.enums import ConceptStatus, EventKind
from concepts.exceptions import NotAllowed, SourceRefused, WrongStatus
from concepts.models import ConceptEvent, ConceptVersion
from experiments.enums import Phase
from labportal.jobs.models import Job
from labportal.notifications.models import Notification
from tests.concepts.conftest import source

pytestmark = pytest.mark.django_db

# Who may do what (the author is a staff member who writes the concept).
TABLE = {
    "submit": {"author", "administrator"},
    "publish": {"administrator"},
    "withdraw": {"administrator"},
}
ROLES = ("staff", "author", "strategic", "leader", "administrator")


def _act(action, concept, person):
    if action == "submit":
        return services.concept_submit(concept=concept, by=person)
    if action == "publish":
        return services.concept_publish(concept=concept, by=person)
    version = concept.versions.get(number=1)
    return services.version_withdraw(version=version, by=person, reason="Forældet")


@pytest.mark.parametrize("action", list(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_submit_publish_and_withdraw(people, make_concept, action, role):
    status = {"submit": "draft", "publish": "review", "withdraw": "published"}[action]
    concept = make_concept(status, authors=[people["author"]], by=people["administrator"])
    if role in TABLE[action]:
        _act(action, concept, people[role])
        concept.refresh_from_db()
        expected = {"submit": "review", "publish": "published", "withdraw": "draft"}[action]
        assert concept.status == expected
    else:
        with pytest.raises(NotAllowed):
            _act(action, concept, people[role])
        concept.refresh_from_db()
        assert concept.status == status


def test_publishing_twice_makes_one_version(people, make_concept):
    concept = make_concept("review")
    admin = people["administrator"]
    version = services.concept_publish(concept=concept, by=admin)
    with pytest.raises(WrongStatus) as refused:
        services.concept_publish(concept=concept, by=admin)
    assert refused.value.status == 409
    assert list(concept.versions.values_list("number", flat=True)) == [1]
    assert version.pdf_job.key == f"concept-version-pdf:{version.pk}"
    assert version.pdf_job.task == "concepts.render_concept_pdf"
    assert version.pdf_job.kwargs == {"version_id": version.pk}


def test_a_version_freezes_content_and_sources(people, make_concept):
    experiment = source(title="Kilde")
    concept = make_concept("draft", authors=[people["author"]], description="Første tekst")
    concept.source_experiments.add(experiment)
    services.concept_submit(concept=concept, by=people["author"])
    version = services.concept_publish(concept=concept, by=people["administrator"])
    assert version.number == 1
    assert version.snapshot["description"] == "Første tekst"
    assert version.snapshot["sources"] == [{"slug": experiment.slug, "title": "Kilde"}]
    services.concept_update(
        concept=concept, by=people["author"], data={"description": "Ny tekst"}, sources=[]
    )
    version.refresh_from_db()
    assert version.snapshot["description"] == "Første tekst"
    assert version.snapshot["sources"] == [{"slug": experiment.slug, "title": "Kilde"}]


def test_number_and_snapshot_cannot_change(people, make_concept):
    concept = make_concept("published", by=people["administrator"])
    version = concept.versions.get()
    version.snapshot = {**version.snapshot, "title": "Ændret"}
    with pytest.raises(ValidationError):
        version.save()
    version.refresh_from_db()
    version.number = 7
    with pytest.raises(ValidationError):
        version.save(update_fields=["number"])
    version.refresh_from_db()
    assert (version.number, version.snapshot["title"]) == (1, "Tre rum")
    version.public = True  # the rest of the row may change
    version.save(update_fields=["public"])
    assert ConceptVersion.objects.get(pk=version.pk).public is True


def test_editing_a_published_concept_starts_a_new_draft(client_for, people, make_concept):
    admin = people["administrator"]
    concept = make_concept("published", authors=[people["author"]], by=admin)
    first = concept.versions.get()
    first.pdf.save("v1.pdf", ContentFile(b"%PDF-1.7 version one"), save=False)
    ConceptVersion.objects.filter(pk=first.pk).update(pdf=first.pdf.name)
    changed = services.concept_update(
        concept=concept, by=people["author"], data={"focus": "Nyt fokus"}
    )
    concept.refresh_from_db()
    assert changed == ["focus"]
    assert concept.status == ConceptStatus.DRAFT
    services.concept_submit(concept=concept, by=people["author"])
    second = services.concept_publish(concept=concept, by=admin)
    assert second.number == 2
    assert second.snapshot["focus"] == "Nyt fokus"
    url = reverse("concepts:download", kwargs={"slug": concept.slug, "number": 1})
    response = client_for(people["staff"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 version one"


def test_withdrawing_keeps_the_version_and_records_the_reason(people, make_concept):
    admin = people["administrator"]
    concept = make_concept("published", by=admin)
    version = services.version_withdraw(
        version=concept.versions.get(), by=admin, reason="Erstattet af ny praksis"
    )
    assert ConceptVersion.objects.filter(pk=version.pk).exists()
    assert version.withdraw_reason == "Erstattet af ny praksis"
    assert version.withdrawn_by == admin
    concept.refresh_from_db()
    assert concept.status == ConceptStatus.DRAFT  # nothing of it is published any more
    with pytest.raises(WrongStatus):
        services.version_withdraw(version=version, by=admin, reason="Igen")
    with pytest.raises(WrongStatus):
        services.version_set_public(version=version, by=admin, public=True)


def test_withdrawing_needs_a_reason(people, make_concept):
    concept = make_concept("published", by=people["administrator"])
    with pytest.raises(WrongStatus):
        services.version_withdraw(
            version=concept.versions.get(), by=people["administrator"], reason="  "
        )
    assert concept.versions.get().withdrawn_at is None


def test_a_reviewer_sends_a_concept_back_with_a_reason(people, make_concept):
    concept = make_concept("review")
    with pytest.raises(WrongStatus):
        services.concept_return(concept=concept, by=people["administrator"], note="")
    services.concept_return(concept=concept, by=people["administrator"], note="Uddyb fund")
    concept.refresh_from_db()
    assert concept.status == ConceptStatus.DRAFT


def test_who_did_what_and_when_is_recorded(people, make_concept):
    author, admin = people["author"], people["administrator"]
    concept = make_concept("draft", authors=[author])
    services.concept_submit(concept=concept, by=author, note="Klar")
    version = services.concept_publish(concept=concept, by=admin)
    services.version_set_public(version=version, by=admin, public=True)
    services.version_withdraw(version=version, by=admin, reason="Fejl")
    events = list(
        ConceptEvent.objects.filter(concept=concept)
        .order_by("pk")
        .values_list("kind", "by__username", "note")
    )
    assert events == [
        (EventKind.SUBMITTED, author.username, "Klar"),
        (EventKind.PUBLISHED, admin.username, ""),
        (EventKind.MADE_PUBLIC, admin.username, ""),
        (EventKind.WITHDRAWN, admin.username, "Fejl"),
    ]


@pytest.mark.parametrize("phase", [Phase.PRE, Phase.DESIGN, Phase.ACTION, Phase.ANALYSIS])
def test_experiments_before_conceptualisation_are_refused_as_sources(people, make_concept, phase):
    concept = make_concept("draft", authors=[people["author"]])
    early = source(phase=phase, title="Tidligt eksperiment")
    with pytest.raises(SourceRefused) as refused:
        services.concept_update(concept=concept, by=people["author"], data={}, sources=[early])
    assert "Tidligt eksperiment" in refused.value.message
    assert Phase(phase).label.lower() in refused.value.message
    assert concept.source_experiments.count() == 0


@pytest.mark.parametrize("phase", [Phase.CONCEPT, Phase.IMPLEMENTATION])
def test_experiments_from_conceptualisation_on_may_be_sources(people, make_concept, phase):
    concept = make_concept("draft", authors=[people["author"]])
    experiment = source(phase=phase)
    changed = services.concept_update(
        concept=concept, by=people["author"], data={}, sources=[experiment]
    )
    assert changed == ["sources"]
    assert list(concept.source_experiments.all()) == [experiment]


def test_the_pdf_job_renders_the_snapshot_and_tells_the_publisher(people, make_concept):
    admin = people["administrator"]
    concept = make_concept("published", by=admin, title="Tre rum i ledelse")
    version = concept.versions.get()
    tasks.render_concept_pdf.job_function(version_id=version.pk)
    version.refresh_from_db()
    with version.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert version.pdf.name == tasks.pdf_name(version)
    notification = Notification.objects.get(recipient=admin)
    assert notification.url == concept.get_absolute_url()
    # Run again (a job done twice): the same file, no second notification.
    tasks.render_concept_pdf.job_function(version_id=version.pk)
    assert Notification.objects.filter(recipient=admin).count() == 1


def test_the_pdf_job_of_a_missing_version_does_nothing(db):
    assert tasks.render_concept_pdf.job_function(version_id=999999) is None
    assert Notification.objects.count() == 0


def test_retry_restarts_a_failed_pdf_job(people, make_concept):
    admin = people["administrator"]
    concept = make_concept("published", by=admin)
    version = concept.versions.select_related("pdf_job", "concept").get()
    Job.objects.filter(pk=version.pdf_job_id).update(state=Job.State.FAILED, attempts=5)
    version.pdf_job.refresh_from_db()
    with pytest.raises(NotAllowed):
        services.version_pdf_retry(version=version, by=people["staff"])
    services.version_pdf_retry(version=version, by=admin)
    version.pdf_job.refresh_from_db()
    assert (version.pdf_job.state, version.pdf_job.attempts) == (Job.State.PENDING, 0)

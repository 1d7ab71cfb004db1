"""Writing concepts in the portal: a new draft (its writer becomes its author), editing by
authors and administrators, sources from conceptualisation on, and the edit conflict."""

import pytest
from django.urls import reverse

from concepts.enums import ConceptStatus, EventKind
from concepts.models import Concept, ConceptEvent
from concepts.services import edit_version
from experiments.enums import Phase
from tests.concepts.conftest import source

pytestmark = pytest.mark.django_db

CREATE = reverse("concepts:create")


def _form(track, **fields) -> dict:
    return {
        "title": "Samskabende netværk",
        "track": track.pk,
        "focus": "Et fokus",
        "phases": "Første trin\nAndet trin",
        **fields,
    }


def _edit_url(concept):
    return reverse("concepts:edit", kwargs={"slug": concept.slug})


def test_the_strategic_level_writes_a_new_draft(client_for, people, track):
    writer = people["strategic"]
    experiment = source(title="Kilde")
    response = client_for(writer).post(CREATE, _form(track, sources=[experiment.pk]))
    concept = Concept.objects.get(title="Samskabende netværk")
    assert response.status_code == 302
    assert response["Location"] == concept.get_absolute_url()
    assert concept.status == ConceptStatus.DRAFT
    assert concept.phases == ["Første trin", "Andet trin"]
    assert list(concept.authors.all()) == [writer]
    assert list(concept.source_experiments.all()) == [experiment]
    assert concept.program == track.program
    event = ConceptEvent.objects.get(concept=concept)
    assert (event.kind, event.by) == (EventKind.CREATED, writer)


@pytest.mark.parametrize("role", ["staff", "leader"])
def test_staff_and_leaders_do_not_write_new_concepts(client_for, people, track, role):
    response = client_for(people[role]).post(CREATE, _form(track))
    assert response.status_code == 403
    assert not Concept.objects.exists()


def test_an_early_experiment_is_refused_with_the_reason(client_for, people, track):
    early = source(phase=Phase.DESIGN, title="Designeksperiment")
    response = client_for(people["administrator"]).post(CREATE, _form(track, sources=[early.pk]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Designeksperiment" in html
    assert str(Phase.DESIGN.label).lower() in html
    assert not Concept.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("author", 200), ("administrator", 200), ("staff", 403), ("strategic", 403)],
)
def test_authors_and_administrators_edit(client_for, people, make_concept, role, status):
    admin = people["administrator"]
    concept = make_concept("published", authors=[people["author"]], by=admin)
    assert client_for(people[role]).get(_edit_url(concept)).status_code == status


def test_an_author_saves_changes_and_a_published_concept_becomes_a_draft(
    client_for, people, make_concept, track
):
    author = people["author"]
    concept = make_concept("published", authors=[author], by=people["administrator"])
    data = _form(track, title="Tre rum", version=edit_version(concept), focus="Nyt fokus")
    response = client_for(author).post(_edit_url(concept), data)
    assert response.status_code == 302
    concept.refresh_from_db()
    assert (concept.focus, concept.status) == ("Nyt fokus", ConceptStatus.DRAFT)
    assert concept.versions.get().snapshot["focus"] == "Et fokus"
    event = ConceptEvent.objects.filter(concept=concept, kind=EventKind.EDITED).get()
    assert event.by == author
    assert str(Concept._meta.get_field("focus").verbose_name) in event.note


def test_a_stale_save_answers_409_with_both_texts(client_for, people, make_concept, track):
    author, admin = people["author"], people["administrator"]
    concept = make_concept("draft", authors=[author])
    opened = edit_version(concept)
    client = client_for(admin)
    first = client.post(_edit_url(concept), _form(track, version=opened, focus="Deres tekst"))
    assert first.status_code == 302
    client = client_for(author)
    second = client.post(_edit_url(concept), _form(track, version=opened, focus="Min tekst"))
    assert second.status_code == 409
    html = second.content.decode()
    assert "Deres tekst" in html
    assert "Min tekst" in html
    concept.refresh_from_db()
    assert concept.focus == "Deres tekst"
    # Saving again, now knowingly, replaces theirs.
    renewed = second.context["form"].data["version"]
    third = client.post(_edit_url(concept), _form(track, version=renewed, focus="Min tekst"))
    assert third.status_code == 302
    concept.refresh_from_db()
    assert concept.focus == "Min tekst"


def test_the_submit_button_moves_a_draft_into_review(client_for, people, make_concept):
    author = people["author"]
    concept = make_concept("draft", authors=[author])
    url = reverse("concepts:submit", kwargs={"slug": concept.slug})
    response = client_for(author).post(url, {"note": "Klar til review"})
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.status == ConceptStatus.REVIEW


def test_publishing_twice_from_the_page_makes_one_version(client_for, people, make_concept):
    concept = make_concept("review")
    client = client_for(people["administrator"])
    url = reverse("concepts:publish", kwargs={"slug": concept.slug})
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a double click: told, nothing more done
    assert list(concept.versions.values_list("number", flat=True)) == [1]

"""Who sees which concept: staff see what is published; drafts and concepts in review only
their authors and administrators (the reviewers), with the status shown.

A withdrawn version is hidden from staff (its download and public link answer 404); its
editors still see it, marked "withdrawn" with the reason. A concept with no version left is
back in draft and hidden from staff."""

import pytest
from django.urls import reverse

from concepts import services
from experiments.enums import Phase
from tests.concepts.conftest import source

pytestmark = pytest.mark.django_db

HIDDEN_FROM = {"staff", "strategic", "leader"}  # drafts and concepts in review


@pytest.fixture
def three(people, make_concept):
    author, admin = people["author"], people["administrator"]
    return {
        "draft": make_concept("draft", authors=[author], title="Kladdekoncept", slug="kladde"),
        "review": make_concept("review", authors=[author], title="Reviewkoncept", slug="review"),
        "published": make_concept("published", by=admin, title="Udgivet koncept", slug="udgivet"),
    }


def _list(client):
    return client.get(reverse("concepts:list")).content.decode()


@pytest.mark.parametrize("role", ["staff", "author", "strategic", "leader", "administrator"])
def test_the_list_shows_each_role_what_it_may_see(client_for, people, three, role):
    html = _list(client_for(people[role]))
    assert "Udgivet koncept" in html
    for status in ("draft", "review"):
        assert (three[status].title in html) == (role not in HIDDEN_FROM), status
    # The status is shown to those who may see the concept's work.
    assert ("status-review" in html) == (role not in HIDDEN_FROM)


@pytest.mark.parametrize("role", ["staff", "author", "strategic", "leader", "administrator"])
@pytest.mark.parametrize("status", ["draft", "review", "published"])
def test_the_page_answers_each_role(client_for, people, three, role, status):
    concept = three[status]
    response = client_for(people[role]).get(concept.get_absolute_url())
    hidden = status != "published" and role in HIDDEN_FROM
    assert response.status_code == (404 if hidden else 200)
    # Its authors (the published one has none) and administrators see the status.
    editor = role == "administrator" or (role == "author" and status != "published")
    if not hidden:
        assert (f"status-{status}" in response.content.decode()) == editor


def test_staff_read_the_published_version_while_a_new_draft_is_written(
    client_for, people, make_concept
):
    admin, author = people["administrator"], people["author"]
    concept = make_concept("published", authors=[author], by=admin, focus="Det udgivne fokus")
    services.concept_update(concept=concept, by=author, data={"focus": "Et halvfærdigt fokus"})
    staff_html = client_for(people["staff"]).get(concept.get_absolute_url()).content.decode()
    assert "Det udgivne fokus" in staff_html
    assert "Et halvfærdigt fokus" not in staff_html
    author_html = client_for(author).get(concept.get_absolute_url()).content.decode()
    assert "Et halvfærdigt fokus" in author_html
    assert "status-draft" in author_html


def test_a_withdrawn_version_is_hidden_from_staff_and_marked_for_editors(
    client_for, people, make_concept
):
    admin = people["administrator"]
    concept = make_concept("published", by=admin)
    services.concept_update(concept=concept, by=admin, data={"focus": "Version 2"})
    services.concept_submit(concept=concept, by=admin)
    services.concept_publish(concept=concept, by=admin)
    services.version_withdraw(
        version=concept.versions.get(number=1), by=admin, reason="Forkert kilde"
    )
    staff_html = client_for(people["staff"]).get(concept.get_absolute_url()).content.decode()
    assert "status-withdrawn" not in staff_html
    assert staff_html.count('class="concept-version"') == 1
    admin_html = client_for(admin).get(concept.get_absolute_url()).content.decode()
    assert "status-withdrawn" in admin_html
    assert "Forkert kilde" in admin_html
    assert admin_html.count('class="concept-version"') == 2
    download = reverse("concepts:download", kwargs={"slug": concept.slug, "number": 1})
    assert client_for(people["staff"]).get(download).status_code == 404


def test_a_concept_whose_only_version_is_withdrawn_is_hidden_from_staff(
    client_for, people, make_concept
):
    admin = people["administrator"]
    concept = make_concept("published", by=admin)
    services.version_withdraw(version=concept.versions.get(), by=admin, reason="Trukket")
    assert client_for(people["staff"]).get(concept.get_absolute_url()).status_code == 404
    assert concept.title not in _list(client_for(people["staff"]))


@pytest.mark.parametrize("role", ["staff", "author", "administrator"])
def test_the_experiment_page_lists_only_published_concepts(client_for, people, three, role):
    experiment = source(phase=Phase.CONCEPT)
    for concept in three.values():
        concept.source_experiments.add(experiment)
    html = client_for(people[role]).get(experiment.get_absolute_url()).content.decode()
    assert 'href="/concepts/udgivet/"' in html
    assert 'href="/concepts/kladde/"' not in html
    assert 'href="/concepts/review/"' not in html


def test_the_concept_page_lists_its_source_experiments(client_for, people, make_concept):
    concept = make_concept("published", by=people["administrator"])
    experiment = source(phase=Phase.IMPLEMENTATION, title="Kildeeksperiment")
    services.concept_update(
        concept=concept, by=people["administrator"], data={}, sources=[experiment]
    )
    html = client_for(people["staff"]).get(concept.get_absolute_url()).content.decode()
    # Staff read the published snapshot (frozen without this later source) ...
    assert "Kildeeksperiment" not in html
    # ... its editors the working text, with the source and its link.
    admin_html = client_for(people["administrator"]).get(concept.get_absolute_url())
    assert f'href="{experiment.get_absolute_url()}"' in admin_html.content.decode()

"""The concept pages: the list (by track, filters, search), a concept's page with its
versions and downloads, the public link, and the administrators' publications page."""

import uuid

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from concepts import services
from concepts.models import ConceptVersion
from labportal.jobs.models import Job
from tests.concepts.conftest import source
from tests.factories import TrackFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
LIST = reverse("concepts:list")


def _with_pdf(version: ConceptVersion, data: bytes = b"%PDF-1.7 test") -> ConceptVersion:
    version.pdf.save(f"v{version.pk}.pdf", ContentFile(data), save=False)
    ConceptVersion.objects.filter(pk=version.pk).update(pdf=version.pdf.name)
    return version


def test_the_list_groups_concepts_by_track(client_for, people, make_concept, track):
    other = TrackFactory(title="Relationsbaseret ledelse", program=track.program)
    admin = people["administrator"]
    make_concept("published", by=admin, title="Tre rum", track=track)
    make_concept("published", by=admin, title="Ledelse på tværs", track=other)
    html = client_for(people["staff"]).get(LIST).content.decode()
    html = html[html.index('id="concept-results"') :]
    assert html.index("Relationsbaseret ledelse") < html.index("Ledelse på tværs")
    assert html.index("Ledelse på tværs") < html.index("Udforskende ledelse")
    assert html.index("Udforskende ledelse") < html.index("Tre rum")


def test_the_list_filters_by_track_and_searches(client_for, people, make_concept, track):
    other = TrackFactory(slug="relation", title="Relationsspor", program=track.program)
    admin = people["administrator"]
    make_concept("published", by=admin, title="Tre rum", description="Observation af praksis")
    make_concept("published", by=admin, title="Ledelse på tværs", track=other)
    client = client_for(people["staff"])
    by_track = client.get(LIST, {"track": "relation"}).content.decode()
    assert "Ledelse på tværs" in by_track
    assert "Tre rum" not in by_track
    found = client.get(LIST, {"q": "OBSERVATION"}, **HTMX).content.decode()
    assert "Tre rum" in found
    assert "Ledelse på tværs" not in found
    assert "<html" not in found  # htmx gets the results alone


def test_the_status_filter_is_for_those_who_see_unpublished(client_for, people, make_concept):
    admin = people["administrator"]
    make_concept("draft", title="Kladden")
    make_concept("published", by=admin, title="Det udgivne")
    admin_html = client_for(admin).get(LIST, {"status": "draft"}).content.decode()
    assert "Kladden" in admin_html
    assert "Det udgivne" not in admin_html
    assert 'name="status"' in admin_html
    staff_html = client_for(people["staff"]).get(LIST, {"status": "draft"}).content.decode()
    assert 'name="status"' not in staff_html
    assert "Det udgivne" in staff_html  # the filter is ignored for staff


def test_the_page_shows_versions_and_downloads(client_for, people, make_concept):
    admin = people["administrator"]
    concept = make_concept("published", by=admin)
    _with_pdf(concept.versions.get())
    html = client_for(people["staff"]).get(concept.get_absolute_url()).content.decode()
    download = reverse("concepts:download", kwargs={"slug": concept.slug, "number": 1})
    assert f'href="{download}"' in html
    assert "hx-trigger" not in html  # nothing to wait for


def test_the_page_polls_while_the_pdf_is_made_and_offers_a_retry(client_for, people, make_concept):
    admin = people["administrator"]
    concept = make_concept("published", by=admin)
    version = concept.versions.get()
    client = client_for(admin)
    waiting = client.get(concept.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in waiting
    Job.objects.filter(pk=version.pdf_job_id).update(
        state=Job.State.FAILED, last_error="RuntimeError('ingen skrifttype')"
    )
    partial = client.get(concept.get_absolute_url(), **HTMX).content.decode()
    assert partial.lstrip().startswith('<section id="concept-versions"')
    assert "hx-trigger" not in partial
    assert "ingen skrifttype" in partial
    assert reverse("concepts:retry", kwargs={"slug": concept.slug, "number": 1}) in partial
    staff_html = client_for(people["staff"]).get(concept.get_absolute_url()).content.decode()
    assert "ingen skrifttype" not in staff_html


def test_a_public_pdf_downloads_signed_out(client, people, make_concept):
    admin = people["administrator"]
    concept = make_concept("published", by=admin)
    version = _with_pdf(concept.versions.get(), b"%PDF-1.7 offentlig")
    url = reverse("concepts:public_download", kwargs={"token": version.public_token})
    assert client.get(url).status_code == 404  # not public yet
    services.version_set_public(version=version, by=admin, public=True)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 offentlig"
    services.version_withdraw(version=version, by=admin, reason="Trukket tilbage")
    assert client.get(url).status_code == 404
    unknown = reverse("concepts:public_download", kwargs={"token": uuid.uuid4()})
    assert client.get(unknown).status_code == 404


def test_a_signed_out_download_of_a_version_asks_for_sign_in(client, people, make_concept):
    concept = make_concept("published", by=people["administrator"])
    _with_pdf(concept.versions.get())
    url = reverse("concepts:download", kwargs={"slug": concept.slug, "number": 1})
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "login" in response["Location"]


def test_markdown_is_sanitised_on_the_page(client_for, people, make_concept):
    concept = make_concept(
        "published",
        by=people["administrator"],
        description="**Fed** <script>alert('x')</script> tekst",
        phases=["<img src=x onerror=alert(1)>Trin"],
    )
    html = client_for(people["staff"]).get(concept.get_absolute_url()).content.decode()
    assert "<strong>Fed</strong>" in html
    assert "<script>alert" not in html
    assert "onerror" not in html


def test_the_publications_page_lists_every_version(client_for, people, make_concept):
    admin = people["administrator"]
    first = make_concept("published", by=admin, title="Første koncept")
    make_concept("published", by=admin, title="Andet koncept")
    _with_pdf(first.versions.get())
    html = client_for(admin).get(reverse("concepts:publications")).content.decode()
    assert "Første koncept" in html
    assert "Andet koncept" in html
    assert reverse("concepts:download", kwargs={"slug": first.slug, "number": 1}) in html
    assert html.count("<tr>") == 3  # the header and two versions


def test_the_dashboard_shows_administrators_what_awaits_review(client_for, people, make_concept):
    make_concept("review", title="Venter på review")
    admin_html = client_for(people["administrator"]).get(reverse("core:dashboard"))
    assert "Venter på review" in admin_html.content.decode()
    assert reverse("concepts:publications") in admin_html.content.decode()
    staff_html = client_for(people["staff"]).get(reverse("core:dashboard")).content.decode()
    assert reverse("concepts:publications") not in staff_html


def _concepts(n, make_concept, people):
    admin, author = people["administrator"], people["author"]
    for i in range(n):
        status = ("draft", "review", "published")[i % 3]
        make_concept(status, authors=[author], by=admin, title=f"Koncept {i}")


@pytest.mark.parametrize("n", [2, 20])
def test_the_list_costs_the_same_queries_for_any_number(
    client_for, people, make_concept, django_assert_num_queries, n
):
    _concepts(n, make_concept, people)
    client = client_for(people["author"])
    client.get(LIST)  # warm up the session
    # user, groups, whether the person writes concepts, the tracks, the concepts, their authors
    # and the latest booklets (the session and the header's unread count come from the cache)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(LIST)
    assert response.content.decode().count('class="card"') == n


@pytest.mark.parametrize("n", [2, 20])
def test_the_page_costs_the_same_queries_for_any_number(
    client_for, people, make_concept, django_assert_num_queries, n
):
    admin = people["administrator"]
    concept = make_concept("published", by=admin, authors=[people["author"]])
    for i in range(n - 1):
        services.concept_update(concept=concept, by=admin, data={"focus": f"Fokus {i}"})
        services.concept_submit(concept=concept, by=admin)
        services.concept_publish(concept=concept, by=admin)
    for i in range(n):
        concept.source_experiments.add(source(title=f"Kilde {i}"))
    client = client_for(admin)
    client.get(concept.get_absolute_url())
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(concept.get_absolute_url())
    assert response.content.decode().count('class="concept-version"') == n


LIST_QUERIES = 7
# user, groups, the concept, its authors, its sources, its versions, its events
DETAIL_QUERIES = 7


def test_administrators_change_concepts_in_the_django_admin(client_for, people, make_concept):
    concept = make_concept("draft")
    url = reverse("admin:concepts_concept_change", args=[concept.pk])
    page = client_for(people["administrator"]).get(url)
    assert page.status_code == 200
    assert concept.title in page.content.decode()
    staff = people["staff"]
    staff.is_staff = True  # may enter the admin, but does not administer the portal
    staff.save(update_fields=["is_staff"])
    assert client_for(staff).get(url).status_code == 403


def test_an_administrator_makes_public_and_withdraws_from_the_page(
    client_for, people, make_concept
):
    admin = people["administrator"]
    concept = make_concept("published", by=admin)
    kwargs = {"slug": concept.slug, "number": 1}
    client = client_for(admin)
    assert client.post(reverse("concepts:public", kwargs=kwargs), {"public": "on"}).status_code
    version = concept.versions.get()
    assert version.public is True
    client.post(reverse("concepts:withdraw", kwargs=kwargs), {"note": ""})
    assert concept.versions.get().withdrawn_at is None  # a reason is needed
    client.post(reverse("concepts:withdraw", kwargs=kwargs), {"note": "Forældet"})
    version = concept.versions.get()
    assert (version.withdraw_reason, version.withdrawn_by) == ("Forældet", admin)

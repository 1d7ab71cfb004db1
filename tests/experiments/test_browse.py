"""The experiment list: filters, htmx partials, no-JS URLs, pagination and query counts."""

import inspect
import re

import pytest
from django.core.cache import cache
from django.db import connection

from concepts.models import Concept
from experiments import filters
from experiments.views import browse
from labportal.core import fragments
from tests.experiments.list_support import URL, titles
from tests.factories import (
    ExperimentFactory,
    InstitutionFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db


def test_full_page_lists_cards_with_institution_track_and_phase(staff_client, world):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Alfa", "Beta", "Delta", "Gamma"]
    html = response.content.decode()
    assert "<html" in html
    assert '<form method="get" action="/experiments/"' in html
    assert 'hx-push-url="true"' in html
    assert '<a href="/experiments/alfa/">Alfa</a>' in html
    assert "TEC · Relationsbaseret ledelse" in html
    assert 'class="phase-badge phase-design"' in html
    assert "Et kort resumé af eksperimentet." in html
    assert "HX-Request" in response["Vary"]


def test_htmx_request_gets_only_the_results_partial(staff_client, world):
    response = staff_client.get(URL, {"phase": "action"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<form" not in html
    assert '<ul class="card-list">' in html
    assert titles(response) == ["Beta", "Gamma"]
    assert "HX-Request" in response["Vary"]


def test_htmx_pushes_an_address_with_only_the_filters_that_apply(staff_client, world):
    form = {"q": "", "lab": "", "track": "", "phase": "action", "page": "2", "junk": "x"}
    response = staff_client.get(URL, form, headers={"HX-Request": "true"})
    assert response["HX-Push-Url"] == f"{URL}?phase=action&page=2"
    response = staff_client.get(URL, {"q": " ", "phase": ""}, headers={"HX-Request": "true"})
    assert response["HX-Push-Url"] == URL


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"lab": "ledelse"}, ["Alfa", "Beta", "Gamma"]),
        ({"lab": "didaktik"}, ["Delta"]),
        ({"program": "digital"}, ["Delta"]),
        ({"track": "relationsbaseret"}, ["Alfa", "Beta"]),
        ({"institution": "kea"}, ["Beta", "Delta"]),
        ({"phase": "action"}, ["Beta", "Gamma"]),
        ({"concept": "tifs"}, ["Alfa", "Gamma"]),
        ({"track": "relationsbaseret", "institution": "tec"}, ["Alfa"]),
        ({"program": "nye-former", "phase": "action", "institution": "tec"}, ["Gamma"]),
    ],
)
def test_each_filter_and_combinations(staff_client, world, params, expected):
    response = staff_client.get(URL, params)
    assert response.status_code == 200
    assert titles(response) == expected
    assert response.context["filtering"].selected == params


def test_selected_filters_are_kept_in_the_form(staff_client, world):
    html = staff_client.get(URL, {"track": "udforskende", "q": "x"}).content.decode()
    assert (
        '<label for="filter-track">Trial track</label><select name="track" id="filter-track">'
        in html
    )
    # "x" matches nothing, so each option leads to no experiments.
    assert '<option value="udforskende" selected>Udforskende ledelse (0)</option>' in html
    assert '<option value="">All trial tracks</option>' in html
    assert '<option value="" selected>All phases</option>' in html
    assert 'name="q" value="x"' in html


def test_a_slug_named_null_is_a_slug(staff_client, world):
    # django-filter's ChoiceFilter reads "null" as "no value" unless told otherwise.
    ExperimentFactory(title="Epsilon", track=TrackFactory(slug="null", title="Nul"))
    assert titles(staff_client.get(URL, {"track": "null"})) == ["Epsilon"]


def test_the_list_does_not_import_the_concepts_app():
    """concepts depends on experiments; the concept filter goes through the reverse relation."""
    for module in (filters, browse):
        assert not re.search(r"^\s*(from|import) concepts\b", inspect.getsource(module), re.M)


@pytest.mark.parametrize(
    "params",
    [
        {"track": "no-such-track"},
        {"phase": "sideways"},
        {"concept": "<script>"},
        {"lab": "x" * 500, "page": "abc"},
        {"institution": "'; DROP TABLE x; --"},
    ],
)
def test_junk_filter_values_are_ignored_with_a_message(staff_client, world, params):
    response = staff_client.get(URL, params)
    assert response.status_code == 200
    assert titles(response) == ["Alfa", "Beta", "Delta", "Gamma"]
    html = response.content.decode()
    assert "is unknown and was ignored" in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert "aria-invalid" not in html  # the select shows "all"; the message says why


def test_a_nul_character_in_the_search_is_ignored(staff_client, world):
    response = staff_client.get(URL, {"q": "al\x00fa"})
    assert response.status_code == 200
    assert titles(response) == ["Alfa", "Beta", "Delta", "Gamma"]


def test_junk_values_next_to_valid_ones_keep_the_valid_filter(staff_client, world):
    response = staff_client.get(URL, {"track": "relationsbaseret", "phase": "nope"})
    assert titles(response) == ["Alfa", "Beta"]
    assert response.context["filtering"].ignored == ["Phase"]


def test_no_javascript_form_url_is_shareable(staff_client, world):
    # What a browser without JavaScript sends when the form's submit button is pressed.
    response = staff_client.get(
        "/experiments/?q=&lab=&program=&track=relationsbaseret&institution=&phase=design&concept="
    )
    assert response.status_code == 200
    assert titles(response) == ["Alfa"]
    html = response.content.decode()
    assert '<button type="submit"' in html
    assert "<html" in html


def test_empty_results_offer_to_remove_each_filter(staff_client, world):
    response = staff_client.get(URL, {"track": "udforskende", "institution": "kea"})
    assert titles(response) == []
    html = response.content.decode()
    assert "Try removing a filter" in html
    assert 'href="/experiments/?institution=kea"' in html  # removes the track
    assert 'href="/experiments/?track=udforskende"' in html  # removes the institution


def test_empty_portal_says_so(staff_client):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert "No experiments yet" in response.content.decode()


def test_pagination(staff_client):
    track = TrackFactory()
    institution = InstitutionFactory()
    for i in range(30):
        ExperimentFactory(title=f"Forsøg {i:02d}", track=track, institution=institution)
    first = staff_client.get(URL, {"track": track.slug})
    assert len(titles(first)) == 25
    assert titles(first)[0] == "Forsøg 00"
    html = first.content.decode()
    assert f'href="?track={track.slug}&amp;page=2"' in html
    assert "30 experiments" in html
    second = staff_client.get(URL, {"track": track.slug, "page": "2"})
    assert titles(second) == [f"Forsøg {i}" for i in range(25, 30)]
    beyond = staff_client.get(URL, {"track": track.slug, "page": "99"})
    assert titles(beyond) == titles(second)
    assert "Page 2 of 2" in beyond.content.decode()
    for junk in ("0", "-3", "abc"):
        assert titles(staff_client.get(URL, {"track": track.slug, "page": junk})) == titles(first)


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302


def _experiments(n: int):
    track = TrackFactory(slug="spor", title="Spor")
    institution = InstitutionFactory(slug="skole", name="Skole")
    concept = Concept.objects.create(slug="k", title="Koncept", program=track.program)
    for i in range(n):
        experiment = ExperimentFactory(
            title=f"Ledelse i praksis {i}", track=track, institution=institution
        )
        concept.source_experiments.add(experiment)


# user, the user's groups (permission), filter choices (one UNION ALL), count (or search
# candidates), the page's rows, the facet counts (one UNION ALL); a search with filters looks
# up its matches without them for the facets, once more on PostgreSQL (the candidates; SQLite
# filters with the search's condition itself). The session and the header's unread
# count come from the cache; once rendered, the choices and the results come from the
# fragment cache too.
QUERIES_RENDERED = 6
QUERIES_CACHED = 2
FULL_TEXT = connection.vendor == "postgresql"


@pytest.mark.parametrize("n", [5, 60])
@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, QUERIES_RENDERED),
        ({"track": "spor", "phase": "pre", "concept": "k"}, QUERIES_RENDERED),
        ({"q": "ledelse"}, QUERIES_RENDERED),
        ({"q": "ledelse", "institution": "skole"}, QUERIES_RENDERED + FULL_TEXT),
    ],
    ids=["list", "filtered", "search", "filtered search"],
)
def test_query_count_is_constant(staff_client, django_assert_num_queries, n, params, queries):
    _experiments(n)
    staff_client.get(URL)  # warm the session
    cache.delete(fragments.GENERATION_KEY)  # nothing rendered yet
    with django_assert_num_queries(queries):
        response = staff_client.get(URL, params)
    assert len(titles(response)) == min(n, 25)
    assert f"Skole ({n})" in response.content.decode()  # the facet counts, all of them
    with django_assert_num_queries(QUERIES_CACHED):
        again = staff_client.get(URL, params)
    assert titles(again) == titles(response)


def test_the_concept_filter_offers_only_concepts_every_reader_may_see(client_for, staff_user):
    program = TrackFactory().program
    Concept.objects.create(slug="udgivet", title="Udgivet", program=program, status="published")
    Concept.objects.create(slug="kladde", title="Hemmelig kladde", program=program)
    html = client_for(staff_user).get(URL).content.decode()
    assert 'value="udgivet"' in html
    assert "Hemmelig kladde" not in html

"""Search: Danish full-text search on PostgreSQL, trigram for typos, safe snippets."""

import pytest
from django.db import connection

from experiments import search
from experiments.models import Experiment
from experiments.search import START, STOP, experiment_search, highlight
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db
URL = "/experiments/"


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        reason = f"full-text search needs PostgreSQL (this run uses {connection.vendor})"
        print(reason)  # visible with -s; -ra shows it too
        pytest.skip(reason)


@pytest.fixture
def staff_client(client_for, staff_user, settings):
    client = client_for(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the assertions read English
    return client


def found(q: str) -> list[str]:
    results = experiment_search(Experiment.objects.all(), q)
    return [e.title for e in results.queryset]


def test_stemming_finds_ledelsesformer_when_searching_ledelsesform(postgres_only):
    ExperimentFactory(title="Nye ledelsesformer i praksis")
    ExperimentFactory(title="Noget helt andet", challenge="Vi prøver nye ledelsesformer af.")
    ExperimentFactory(title="Uden relation", challenge="Om kantinens åbningstider.")
    assert sorted(found("ledelsesform")) == ["Noget helt andet", "Nye ledelsesformer i praksis"]


def test_title_hits_rank_above_body_only_hits(postgres_only):
    # Alphabetical order would put the body-only hits first.
    ExperimentFactory(
        title="Aaa: samarbejde", findings=["Samskabelse, samskabelse og mere samskabelse"]
    )
    ExperimentFactory(title="Abc: møder", challenge="Samskabelse på tværs.")
    ExperimentFactory(title="Zoo: samskabelse i netværk")
    titles = found("samskabelse")
    assert titles[0] == "Zoo: samskabelse i netværk"
    assert sorted(titles[1:]) == ["Aaa: samarbejde", "Abc: møder"]


def test_trigram_finds_a_misspelt_title(postgres_only):
    ExperimentFactory(title="Strategiske medledere")
    ExperimentFactory(title="Tre rum i udforskende ledelse")
    assert found("medledeer") == ["Strategiske medledere"]
    assert found("stratgiske") == ["Strategiske medledere"]


def test_similar_titles_are_added_only_when_full_text_finds_few(postgres_only, monkeypatch):
    ExperimentFactory(title="Strategiske medledere")
    ExperimentFactory(title="Noget andet", challenge="Om medledere.")
    ExperimentFactory(title="Strategiske medlederz")  # a typo full-text search misses
    # Title hit, body hit, similar title; the title hit (in both branches) counts once.
    assert found("medledere") == ["Strategiske medledere", "Noget andet", "Strategiske medlederz"]
    assert experiment_search(Experiment.objects.all(), "medledere").total == 3
    monkeypatch.setattr(search, "TRIGRAM_BELOW", 2)
    assert found("medledere") == ["Strategiske medledere", "Noget andet"]


def test_candidates_are_bounded_and_the_count_capped(postgres_only, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)  # title hits, and as many hits anywhere
    for i in range(10):
        ExperimentFactory(title=f"Samskabelse {i}")
    results = experiment_search(Experiment.objects.all(), "samskabelse")
    assert results.capped
    assert 3 <= results.total == len(found("samskabelse")) <= 6


def test_search_vector_follows_edits(postgres_only):
    experiment = ExperimentFactory(title="Forsøg", findings=["Intet særligt"])
    assert found("arenamodel") == []
    experiment.findings = ["Vi brugte arenamodellen"]
    experiment.save()
    assert found("arenamodel") == ["Forsøg"]


def test_snippet_highlights_and_escapes_html(postgres_only, staff_client):
    ExperimentFactory(
        title="Skadelig tekst",
        summary="",
        findings=["<script>alert('x')</script> ledelsesformer virker <b>fedt</b> når 2 < 3 & mere"],
    )
    html = staff_client.get(URL, {"q": "ledelsesform"}).content.decode()
    main = html.split("<main", 1)[1]
    assert "<script>alert" not in main
    assert "<b>fedt" not in main
    assert "alert(&#x27;x&#x27;)" in main  # ts_headline drops tags; the rest is escaped
    assert "2 &lt; 3 &amp; mere" in main
    assert "<mark>ledelsesformer</mark>" in main


@pytest.mark.parametrize(
    "q",
    ['"ledelse" -foo', "og", "ledelse OR", "'; DROP TABLE x; --", "a" * 1000, "%_\\", "<>"],
)
def test_odd_queries_do_not_fail(staff_client, q):
    ExperimentFactory(title="Ledelse i praksis")
    response = staff_client.get(URL, {"q": q})
    assert response.status_code == 200
    assert response.context["filtering"].q == q[:1000]


def test_search_on_the_page_with_filters(staff_client):
    chosen = ExperimentFactory(title="Relationsbaseret ledelse i praksis")
    ExperimentFactory(title="Relationsbaseret ledelse andetsteds")
    response = staff_client.get(URL, {"q": "ledelse", "track": chosen.track.slug})
    html = response.content.decode()
    assert "Relationsbaseret ledelse i praksis</a>" in html
    assert "andetsteds" not in html


def test_substring_fallback_without_postgres():
    if connection.vendor == "postgresql":
        pytest.skip("the substring fallback is for databases without full-text search")
    # Case-insensitive for ASCII letters only, as SQLite's LIKE is.
    ExperimentFactory(title="Alfa", findings=["Et fund om arenamodellen"])
    ExperimentFactory(title="Beta")
    ExperimentFactory(title="Gamma", challenge="Mere om Arenamodellen")
    assert found("ARENAMODEL") == ["Alfa", "Gamma"]
    assert found("beta") == ["Beta"]


def test_highlight_escapes_everything_but_marker_pairs():
    raw = f"<img src=x onerror=y> {START}hit{STOP} and a stray {STOP}marker{START}"
    assert highlight(raw) == ("&lt;img src=x onerror=y&gt; <mark>hit</mark> and a stray marker")

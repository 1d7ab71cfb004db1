"""The demo program's booklet: a PDF with every experiment, running headers, contents whose
page numbers are the real ones, only published concepts, no markup from user text, and the
same number of queries whatever the number of experiments."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from concepts.models import Concept
from experiments.models import Experiment
from labportal.organisation.models import Program
from labportal.pdf.booklet import booklet_html, booklet_title, build_booklet
from tests.factories import ExperimentFactory

from .helpers import DEMO_PROGRAM, load_demo, page_texts, squeeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_program():
    load_demo()
    return Program.objects.get(slug=DEMO_PROGRAM)


def contents_numbers(pages: list[str], titles: list[str]) -> dict[str, int]:
    """The page number the contents gives each title ("Title ....... 17")."""
    found = {}
    for page in pages[1:4]:
        for title in titles:
            match = re.search(rf"^\s*{re.escape(title)}[ .]*?\s(\d+)\s*$", page, re.MULTILINE)
            if match and title not in found:
                found[title] = int(match[1])
    return found


def test_the_booklet_holds_every_experiment_where_the_contents_says(demo_program):
    result = build_booklet(DEMO_PROGRAM)
    pages = page_texts(result.pdf)
    titles = list(Experiment.objects.filter(program=demo_program).values_list("title", flat=True))
    assert len(titles) == 22
    text = squeeze("\n".join(pages))
    assert all(f"Eksperiment: {title}" in text for title in titles)

    numbers = contents_numbers(pages, titles)
    assert sorted(numbers) == sorted(titles)
    for title, number in numbers.items():
        assert f"Eksperiment: {title}" in squeeze(pages[number - 1]), title

    header = booklet_title(demo_program)
    assert header == "Inspirationshæfte til arbejdet med nye ledelses- og samarbejdsformer"
    assert header in pages[-1]
    assert header in pages[len(pages) // 2]
    assert header not in pages[0]  # the cover has none
    assert result.warnings == []


def test_only_published_concepts_appear(demo_program):
    published = set(Concept.objects.filter(status="published").values_list("title", flat=True))
    other = set(Concept.objects.exclude(status="published").values_list("title", flat=True))
    assert published
    assert other
    with translation.override("da"):
        html = booklet_html(demo_program)
    assert all(f"Ledelses- og samarbejdskoncept: {title}" in html for title in published)
    assert not any(f"samarbejdskoncept: {title}" in html for title in other)


def test_user_markup_never_reaches_the_pdf_as_markup(demo_program):
    experiment = Experiment.objects.filter(program=demo_program).first()
    experiment.findings = ["<script>alert('fund')</script>", "**Vigtigt fund**"]
    experiment.challenge = (
        'Tekst <img src="https://example.com/x.png" onerror="alert(1)"> '
        "![billede](https://example.com/y.png)"
    )
    experiment.save(update_fields=["findings", "challenge"])
    html = booklet_html(demo_program)
    assert "<script" not in html
    assert "onerror" not in html
    assert "example.com" not in html
    assert "<strong>Vigtigt fund</strong>" in html
    text = squeeze("\n".join(page_texts(build_booklet(DEMO_PROGRAM).pdf)))
    assert "Vigtigt fund" in text
    assert "alert" not in text


def queries_for(program) -> int:
    with CaptureQueriesContext(connection) as queries:
        booklet_html(program)
    return len(queries)


def test_the_queries_do_not_grow_with_the_experiments(demo_program):
    booklet_html(demo_program)  # warm the caches that outlive a booklet
    demo = queries_for(demo_program)
    tracks = list(demo_program.tracks.all())
    for index in range(44):
        ExperimentFactory(program=demo_program, track=tracks[index % len(tracks)])
    assert Experiment.objects.filter(program=demo_program).count() == 66
    assert queries_for(demo_program) == demo


def test_what_a_program_lacks_is_left_out():
    experiment = ExperimentFactory(title="Det eneste eksperiment")
    program = experiment.program
    assert program.introduction == ""
    with translation.override("da"):
        html = booklet_html(program)
    assert 'id="introduction"' not in html
    assert 'id="program-theory"' not in html
    assert f'id="theory-{experiment.track.slug}"' not in html
    assert f"Forsøgssporet for {experiment.track.title}" in html
    assert "Eksperiment: Det eneste eksperiment" in html

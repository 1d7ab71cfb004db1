"""The fact sheet: exactly one A4 page for any experiment, with its facts, the first findings,
the contacts and the address the QR code leads to; user markup never as markup."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from experiments.fact_sheet import build_fact_sheet, fact_sheet_context, shorten
from experiments.models import Experiment
from tests.factories import ExperimentFactory, TeamMembershipFactory, UserFactory

from .helpers import load_demo, page_count, page_texts, squeeze

pytestmark = pytest.mark.django_db

LONG = ("Et langt afsnit om samarbejde på tværs af uddannelserne. " * 400)[:20_000]


def sheet_text(experiment) -> str:
    result = build_fact_sheet(experiment)
    assert page_count(result.pdf) == 1
    assert result.warnings == []
    return squeeze(page_texts(result.pdf)[0])


def test_the_longest_demo_experiment_fits_one_page():
    load_demo()
    longest = max(
        Experiment.objects.all(),
        key=lambda e: len(e.challenge) + len(e.hypothesis) + len(str(e.findings)),
    )
    text = sheet_text(longest)
    assert squeeze(longest.title) in text
    assert longest.institution.name in text
    assert longest.track.title in text
    assert f"http://127.0.0.1:8000/experiments/{longest.slug}/" in text.replace(" ", "")


def test_sections_of_20000_characters_still_fit_one_page():
    owner = UserFactory(first_name="Ida", last_name="Holm", email="ida@example.org")
    experiment = ExperimentFactory(
        title="Et meget langt eksperimentnavn " * 6,
        challenge=LONG,
        hypothesis=LONG,
        findings=[f"Fund nummer {n}: {LONG[:3000]}" for n in range(1, 11)],
        owner=owner,
    )
    for _index in range(6):
        TeamMembershipFactory(experiment=experiment)
    text = sheet_text(experiment)
    assert "Fund nummer 1:" in text
    assert "Fund nummer 3:" in text
    assert "Fund nummer 6:" not in text
    assert "Ida Holm" in text
    assert "ida@example.org" in text
    assert "…" in text


def test_the_first_findings_are_shown_and_markup_stays_text():
    experiment = ExperimentFactory(
        findings=["<script>alert('x')</script>", "Første *rigtige* fund", "Andet fund"],
        challenge="<b onclick='x()'>Fed</b> udfordring &lt;script&gt;",
    )
    with translation.override("da"):
        html = render_to_string("experiments/pdf/fact_sheet.html", fact_sheet_context(experiment))
    assert "<script" not in html
    assert "onclick" not in html
    assert "<b " not in html
    assert "&lt;script&gt;" in html  # the escaped words the user typed, as text
    text = sheet_text(experiment)
    assert "alert" not in text
    assert "Første rigtige fund" in text
    assert "Andet fund" in text


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("kort tekst", 20, "kort tekst"),
        ("et langt ord og flere, ord", 17, "et langt ord og…"),
        ("ordudennogensluttenogetsted", 10, "ordudenno…"),
    ],
)
def test_shorten_cuts_at_a_word(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit

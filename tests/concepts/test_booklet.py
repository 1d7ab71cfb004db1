"""The concepts' part of the booklet import (concepts/booklet.py): a concept the portal holds
is found by title or another spelling and updated, never duplicated, its spellings kept as
aliases; links to source experiments are only added."""

import pytest

from concepts.models import Concept
from labportal.booklet import booklet_import
from tests.booklet.mini import MINI_BOOKLET, SPARRING, mini_portal
from tests.factories import ExperimentFactory

pytestmark = pytest.mark.django_db


def test_concepts_are_found_by_spelling_and_keep_every_spelling():
    mini_portal()

    report = booklet_import(text=MINI_BOOKLET)

    assert sorted(Concept.objects.values_list("slug", flat=True)) == ["moederum", "sparring"]
    sparring = Concept.objects.get(slug="sparring")
    assert sparring.title == SPARRING
    assert sparring.aliases == ["ks-model", "Kollegial sparring", "Sparring"]
    assert Concept.objects.get(slug="moederum").focus == "Konceptet samler møder på tværs."
    assert report.counts()["concept"]["created"] == 0


def test_concept_links_are_only_added():
    portal = mini_portal()
    other = ExperimentFactory(program=portal["program"])
    sparring = portal["concepts"][0]
    sparring.source_experiments.add(other)

    booklet_import(text=MINI_BOOKLET)

    titles = set(sparring.source_experiments.values_list("title", flat=True))
    assert titles == {other.title, "Sparring på holdet"}

"""import_portal refuses parent links that form a cycle, within the file or together with
experiments already in the portal, and then writes nothing."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from experiments.models import Experiment
from tests.factories import ExperimentFactory

from .helpers import export_json, portal_counts, wipe_portal

pytestmark = pytest.mark.django_db


def run_import(data: dict, tmp_path, *options: str) -> str:
    path = tmp_path / "portal.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("import_portal", str(path), *options, stdout=out)
    return out.getvalue()


def refused(data: dict, tmp_path, *options: str) -> str:
    with pytest.raises(CommandError) as excinfo:
        run_import(data, tmp_path, *options)
    message = str(excinfo.value)
    assert "Nothing was imported" in message
    return message


def rows(data: dict) -> dict[str, dict]:
    return {row["slug"]: row for row in data["experiments"]}


def parents() -> dict[str, str | None]:
    return {
        e.slug: e.parent.slug if e.parent else None
        for e in Experiment.objects.select_related("parent")
    }


def test_two_experiments_that_are_each_others_parent_are_refused(portal, tmp_path):
    data = export_json()
    rows(data)["a-moedekultur"]["parent"] = "b-netvaerk"  # and b's parent is a
    wipe_portal()

    message = refused(data, tmp_path)

    assert "the parents form a cycle (a-moedekultur → b-netvaerk → a-moedekultur)" in message
    assert set(portal_counts().values()) == {0}


def test_a_cycle_across_chunks_is_refused_in_an_existing_portal(portal, tmp_path):
    ExperimentFactory(slug="c-tredje", program=portal["program"], track=None)
    data = export_json()
    by_slug = rows(data)
    by_slug["a-moedekultur"]["parent"] = "c-tredje"
    by_slug["c-tredje"]["parent"] = "b-netvaerk"
    by_slug["c-tredje"]["title"] = "Ændret titel"
    counts, before = portal_counts(), parents()

    message = refused(data, tmp_path, "--chunk-size", "1")

    assert "(a-moedekultur → c-tredje → b-netvaerk → a-moedekultur)" in message
    assert portal_counts() == counts
    assert parents() == before
    assert Experiment.objects.get(slug="c-tredje").title != "Ændret titel"


def test_a_cycle_closed_by_experiments_only_in_the_database_is_refused(portal, tmp_path):
    # In the portal: b-netvaerk is an iteration of a-moedekultur, c-tredje one of b-netvaerk.
    ExperimentFactory(
        slug="c-tredje", program=portal["program"], track=None, parent=portal["second"]
    )
    data = export_json()
    first = rows(data)["a-moedekultur"]
    first["parent"] = "c-tredje"  # the file holds only a-moedekultur
    data["experiments"], data["concepts"] = [first], []
    before = parents()

    message = refused(data, tmp_path)

    assert "(a-moedekultur → c-tredje → b-netvaerk → a-moedekultur)" in message
    assert parents() == before


def test_an_experiment_as_its_own_parent_is_refused(portal, tmp_path):
    data = export_json()
    rows(data)["b-netvaerk"]["parent"] = "b-netvaerk"
    before = parents()

    message = refused(data, tmp_path)

    assert "an experiment cannot be an iteration of itself" in message
    assert parents() == before


def test_parents_without_a_cycle_still_import(portal, tmp_path):
    ExperimentFactory(slug="c-tredje", program=portal["program"], track=None)
    data = export_json()
    rows(data)["c-tredje"]["parent"] = "b-netvaerk"

    run_import(data, tmp_path, "--chunk-size", "1")

    assert parents() == {
        "a-moedekultur": None,
        "b-netvaerk": "a-moedekultur",
        "c-tredje": "b-netvaerk",
    }


def test_a_chain_into_an_old_cycle_in_the_database_ends_and_is_not_blamed(portal, tmp_path):
    """Rows stored before the check existed may hold a cycle; the walk stops on it."""
    x = ExperimentFactory(slug="x-gammel", program=portal["program"], track=None)
    y = ExperimentFactory(slug="y-gammel", program=portal["program"], track=None, parent=x)
    Experiment.objects.filter(pk=x.pk).update(parent=y)
    data = export_json()
    data["experiments"] = [r for r in data["experiments"] if r["slug"] in {"a-moedekultur"}]
    data["experiments"][0]["parent"] = "x-gammel"
    data["concepts"] = []

    run_import(data, tmp_path)

    assert parents()["a-moedekultur"] == "x-gammel"

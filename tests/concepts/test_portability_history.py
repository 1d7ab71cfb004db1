"""Authors, published versions and events in the JSON: export -> empty portal -> import ->
export gives the same document; loading twice records nothing twice; a version keeps its
frozen snapshot; bad entries are refused with the place named and nothing written."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from concepts import services
from concepts.models import Concept, ConceptEvent, ConceptVersion
from tests.portability.helpers import export_json, export_text, wipe_portal


def _import(data, tmp_path) -> None:
    path = tmp_path / "portal.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    call_command("import_portal", str(path), stdout=io.StringIO())


@pytest.fixture
def history(people, make_concept):
    """A concept with two authors, a withdrawn version 1, a public version 2 and its events."""
    admin = people["administrator"]
    concept = make_concept("published", by=admin, authors=[people["author"], people["strategic"]])
    first = concept.versions.get()
    services.version_withdraw(version=first, by=admin, reason="Forkert figur")
    services.concept_update(concept=concept, by=admin, data={"focus": "Nyt fokus"})
    services.concept_submit(concept=Concept.objects.get(pk=concept.pk), by=people["author"])
    second = services.concept_publish(concept=Concept.objects.get(pk=concept.pk), by=admin)
    services.version_set_public(version=second, by=admin, public=True)
    return concept


def test_the_history_goes_out_and_comes_back_the_same(history, tmp_path):
    before = export_text()
    row = next(c for c in json.loads(before)["concepts"] if c["slug"] == history.slug)
    assert [v["number"] for v in row["versions"]] == [1, 2]
    assert row["versions"][0]["withdraw_reason"] == "Forkert figur"
    assert row["versions"][1]["public"] is True
    assert row["versions"][1]["snapshot"]["focus"] == "Nyt fokus"
    assert len(row["authors"]) == 2
    assert {e["kind"] for e in row["events"]} >= {"published", "withdrawn", "made_public"}
    wipe_portal()
    assert ConceptVersion.objects.count() == 0
    _import(before, tmp_path)
    assert export_text() == before
    counts = (ConceptVersion.objects.count(), ConceptEvent.objects.count())
    _import(before, tmp_path)  # twice: nothing twice
    assert (ConceptVersion.objects.count(), ConceptEvent.objects.count()) == counts


def test_a_version_the_portal_has_keeps_its_snapshot(history, tmp_path):
    data = export_json()
    row = next(c for c in data["concepts"] if c["slug"] == history.slug)
    row["versions"][0]["snapshot"] = {"title": "Omskrevet"}
    row["versions"][0]["public"] = False
    _import(data, tmp_path)
    first = ConceptVersion.objects.get(concept=history, number=1)
    assert first.snapshot["title"] == history.title


def test_a_version_without_snapshot_freezes_the_concept_as_given(history, tmp_path):
    data = export_json()
    row = next(c for c in data["concepts"] if c["slug"] == history.slug)
    row["versions"].append(
        {"number": 3, "published_by": "bo", "published_at": "2026-10-01T10:00:00+02:00"}
    )
    _import(data, tmp_path)
    third = ConceptVersion.objects.get(concept=history, number=3)
    assert third.snapshot["focus"] == "Nyt fokus"
    assert third.published_by.username == "bo"
    assert not third.published_by.is_active  # an unknown person comes in unable to sign in


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["versions"].append(dict(r["versions"][0])), "listed twice"),
        (lambda r: r["versions"][0].update(number=0), "whole number"),
        (lambda r: r["versions"][0].update(snapshot=["x"]), "'snapshot'"),
        (lambda r: r["versions"][0].update(published_by=""), "published_by"),
        (lambda r: r["events"][0].update(version=9), "'version'"),
        (lambda r: r["events"][0].update(kind="deleted"), "'kind'"),
        (lambda r: r["versions"][0].update(public="ja"), "'public'"),
    ],
)
def test_bad_history_is_refused_and_nothing_is_written(
    history, tmp_path, change, message, in_english
):
    data = export_json()
    row = next(c for c in data["concepts"] if c["slug"] == history.slug)
    change(row)
    row["title"] = "Ændret titel"
    with pytest.raises(CommandError, match=message):
        _import(data, tmp_path)
    assert Concept.objects.get(pk=history.pk).title == history.title

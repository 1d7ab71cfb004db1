"""export_portal / import_portal: the "labportal/1" format, round trip, bad input, streaming."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concepts.models import Concept
from experiments.models import Experiment, PhaseTransition, TeamMembership
from labportal.accounts.models import User
from labportal.portability.export import portal_export
from tests.factories import ExperimentFactory, ProgramFactory, TeamMembershipFactory

from .helpers import export_json, export_text, portal_counts, wipe_portal

pytestmark = pytest.mark.django_db

PHASES = {"pre", "design", "action", "analysis", "concept", "implementation"}


def import_text(text: str, tmp_path, name: str = "portal.json") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_portal", str(path), stdout=out)
    return out.getvalue()


def test_format_and_keys_follow_the_contract(portal):
    data = export_json()

    assert data["format"] == "labportal/1"
    assert set(data) >= {
        "programs",
        "tracks",
        "institutions",
        "concepts",
        "experiments",
    }
    # Change theories and the bazar have their own tests: tests/changetheory/test_portability.py
    # and tests/bazar/test_portability.py.
    assert data["change_theories"] == []
    assert data["bazar_events"] == []
    assert data["programs"] == [
        {
            "slug": "nye-ledelsesformer",
            "title": "Nye ledelsesformer",
            "lab": "ledelse-og-styring",
            "tracks": ["relationsbaseret", "udforskende"],
            "introduction": "",
            "owner": "strateg",
        }
    ]
    assert data["tracks"][1] == {
        "slug": "udforskende",
        "title": "Udforskende ledelse",
        "program": "nye-ledelsesformer",
        "aliases": ["Udforskende ledelsesform", "Udforskende ledelsesformer"],
        "owner": None,
    }
    assert {
        "slug": "tec",
        "name": "TEC",
        "educations": [{"slug": "data", "name": "Datatekniker"}],
    } in (data["institutions"])
    concept = next(c for c in data["concepts"] if c["slug"] == "tre-rum")
    assert concept["track"] == "udforskende"
    assert concept["source_experiments"] == ["a-moedekultur", "b-netvaerk"]
    assert concept["phases"] == ["Det undersøgende rum", "Det oversættende rum"]

    first, second = data["experiments"]
    contract_keys = {
        "slug", "title", "institution", "program", "track", "phase", "concepts", "challenge",
        "hypothesis", "actions", "findings", "conceptualisable_elements", "attention_points",
        "phase_history",
    }  # fmt: skip
    assert contract_keys <= set(first)
    assert first["phase"] in PHASES
    assert first["track"] == "udforskende"
    assert first["institution"] == "tec"
    assert first["education"] == {"institution": "tec", "slug": "data"}
    assert first["concepts"] == ["tre-rum"]
    assert first["team"] == [{"person": "bo", "role": ""}, {"person": "mette", "role": "Tovholder"}]
    assert first["owner"] == "strateg"
    assert first["decision"] == "adopted"
    assert first["registered_at"] == "2024-02-02T09:30:00+00:00"
    assert first["phase_entered_at"] == "2024-03-05T12:00:00+00:00"
    assert first["phase_history"][0] == {
        "from": None,
        "to": "pre",
        "by": "strateg",
        "at": "2024-03-01T12:00:00+00:00",
        "note": "Note 1 – æøå",
        "kind": "created",
        "decision": "",
    }
    assert [h["to"] for h in first["phase_history"]] == [
        "pre", "design", "action", "design", "implementation", "implementation",
    ]  # fmt: skip
    assert second["track"] is None
    assert second["parent"] == "a-moedekultur"
    assert not {"id", "created_at", "updated_at"} & set(first)


def test_export_writes_real_characters_one_item_per_line(portal):
    text = export_text()

    assert "Mødekultur" in text
    assert text.count("\n") > len(json.loads(text)["experiments"])


def test_export_to_a_file(portal, tmp_path):
    target = tmp_path / "export.json"

    call_command("export_portal", "--output", str(target), stderr=io.StringIO())

    assert json.loads(target.read_text(encoding="utf-8")) == export_json()
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_round_trip_into_an_empty_portal_gives_the_same_json(portal, tmp_path):
    before = export_text()
    wipe_portal()
    assert portal_counts()["Experiment"] == 0

    import_text(before, tmp_path)

    assert json.loads(export_text()) == json.loads(before)
    # people come back as inactive users who cannot sign in
    mette = User.objects.get(username="mette")
    assert mette.is_active is False
    assert mette.has_usable_password() is False


def test_import_twice_creates_no_duplicates(portal, tmp_path):
    text = export_text()
    wipe_portal()
    import_text(text, tmp_path)
    counts = portal_counts()

    output = import_text(text, tmp_path)

    assert portal_counts() == counts
    assert "experiments: 0 created, 2 unchanged, 0 updated" in output
    assert "phase history entries: 0 added" in output
    assert json.loads(export_text()) == json.loads(text)


def test_import_into_the_same_portal_changes_nothing(portal, tmp_path):
    text = export_text()
    counts = portal_counts()
    history = Experiment.history.count()

    import_text(text, tmp_path)

    assert portal_counts() == counts
    assert Experiment.history.count() == history


def test_import_updates_existing_objects_from_the_file(portal, tmp_path):
    data = export_json()
    data["experiments"][0]["title"] = "Ny mødekultur"
    data["experiments"][0]["team"] = [{"person": "mette", "role": "Projektleder"}]
    data["experiments"][0]["concepts"] = []
    data["experiments"][0]["phase_history"].append(
        {"from": "implementation", "to": "concept", "by": None,
         "at": "2025-01-01T10:00:00+01:00", "note": "Tilbage"}
    )  # fmt: skip
    tre_rum = next(c for c in data["concepts"] if c["slug"] == "tre-rum")
    tre_rum["source_experiments"] = ["b-netvaerk"]

    import_text(json.dumps(data), tmp_path)

    first = Experiment.objects.get(slug="a-moedekultur")
    assert first.title == "Ny mødekultur"
    assert list(first.memberships.values_list("user__username", "role")) == [
        ("mette", "Projektleder")
    ]
    assert list(first.concepts.all()) == []
    last = first.transitions.last()
    assert (last.kind, last.from_phase, last.to_phase) == ("back", "implementation", "concept")
    assert first.history.first().history_change_reason == "import"


def test_people_are_matched_by_email(portal, tmp_path):
    data = export_json()
    data["experiments"][0]["owner"] = "STRATEG@example.invalid"

    import_text(json.dumps(data), tmp_path)

    assert Experiment.objects.get(slug="a-moedekultur").owner.username == "strateg"


def _broken(data: dict, change) -> str:
    change(data)
    return json.dumps(data)


BAD_INPUTS = {
    "not json": (lambda data: "{this is not json", "not valid JSON"),
    "empty": (lambda data: "", "not valid JSON"),
    "a list": (lambda data: "[1, 2]", "not a JSON object"),
    "wrong format": (
        lambda data: _broken(data, lambda d: d.update(format="labportal/9")),
        "Unsupported format 'labportal/9'",
    ),
    "no format": (lambda data: _broken(data, lambda d: d.pop("format")), "'format' is missing"),
    "missing key": (
        lambda data: _broken(data, lambda d: d.pop("experiments")),
        "Missing keys at the top level: experiments",
    ),
    "section not a list": (
        lambda data: _broken(data, lambda d: d.update(tracks={})),
        "'tracks' must be a list",
    ),
    "unknown phase": (
        lambda data: _broken(data, lambda d: d["experiments"][1].update(phase="done")),
        "experiments[1] \"b-netvaerk\": 'phase' is 'done'; expected one of: pre, design",
    ),
    "unknown track": (
        lambda data: _broken(data, lambda d: d["experiments"][0].update(track="nowhere")),
        "'track' refers to the unknown track 'nowhere'",
    ),
    "unknown concept": (
        lambda data: _broken(data, lambda d: d["experiments"][0].update(concepts=["x"])),
        "unknown concept 'x'",
    ),
    "unknown parent": (
        lambda data: _broken(data, lambda d: d["experiments"][1].update(parent="ghost")),
        "unknown experiment 'ghost'",
    ),
    "unknown source experiment": (
        lambda data: _broken(data, lambda d: d["concepts"][0].update(source_experiments=["ghost"])),
        "unknown experiment 'ghost'",
    ),
    "missing title": (
        lambda data: _broken(data, lambda d: d["experiments"][1].pop("title")),
        "the key 'title' is missing",
    ),
    "history without note": (
        lambda data: _broken(
            data, lambda d: d["experiments"][0]["phase_history"][2].update(note="")
        ),
        "phase_history[2]: the key 'note' is missing",
    ),
    "bad date": (
        lambda data: _broken(data, lambda d: d["experiments"][0].update(start_date="1. maj")),
        "'start_date' must be a date",
    ),
    "bad slug": (
        lambda data: _broken(data, lambda d: d["institutions"][0].update(slug="T E C")),
        "which is not a slug",
    ),
    "section too long": (
        lambda data: _broken(data, lambda d: d["experiments"][0].update(summary="x" * 20_001)),
        "'summary' is longer than 20000 characters",
    ),
    "list item too long": (
        lambda data: _broken(data, lambda d: d["experiments"][0].update(actions=["x" * 5_001])),
        "an item of 'actions' is longer than 5000 characters",
    ),
    "nested far too deep": (
        lambda data: _broken(data, lambda d: d.update(notes=[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]])),
        "nests deeper than a labportal export can",
    ),
    "duplicate slug": (
        lambda data: _broken(data, lambda d: d["experiments"][1].update(slug="a-moedekultur")),
        "appears twice",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_refused_and_nothing_is_written(portal, tmp_path, case):
    make, message = BAD_INPUTS[case]
    text = make(export_json())
    wipe_portal()

    with pytest.raises(CommandError) as excinfo:
        import_text(text, tmp_path)

    assert message in str(excinfo.value)
    assert "Nothing was imported" in str(excinfo.value)
    assert set(portal_counts().values()) == {0}


def test_a_late_error_rolls_back_earlier_chunks(portal, tmp_path):
    data = export_json()
    data["experiments"][1]["phase"] = "done"
    wipe_portal()
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("import_portal", str(path), "--chunk-size", "1", stdout=io.StringIO())

    assert set(portal_counts().values()) == {0}


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_portal", str(tmp_path / "nope.json"))


def many_experiments(n: int) -> None:
    program = ProgramFactory()
    for experiment in ExperimentFactory.create_batch(n, program=program, track=None):
        TeamMembershipFactory(experiment=experiment)
        PhaseTransition.objects.create(
            experiment=experiment,
            kind="created",
            to_phase="pre",
            at=experiment.created_at,
            note="x",
        )


def export_queries(chunk_size: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        portal_export(out=io.StringIO(), chunk_size=chunk_size)
    return len(ctx.captured_queries)


def test_streaming_export_runs_a_constant_number_of_queries_per_chunk():
    many_experiments(300)
    concept = Concept.objects.create(
        slug="c", title="C", program=Experiment.objects.first().program
    )
    concept.source_experiments.set(Experiment.objects.all()[:50])

    one_chunk = export_queries(chunk_size=300)
    three_chunks = export_queries(chunk_size=100)
    six_chunks = export_queries(chunk_size=50)

    # each further chunk prefetches team, history and concepts: 3 queries, nothing per row
    assert three_chunks - one_chunk == 2 * 3
    assert six_chunks - one_chunk == 5 * 3
    data = export_json(chunk_size=50)
    assert len(data["experiments"]) == 300
    assert sum(len(e["team"]) for e in data["experiments"]) == TeamMembership.objects.count()
    assert sum(len(e["concepts"]) for e in data["experiments"]) == 50


def test_many_experiments_round_trip_in_small_chunks(tmp_path):
    many_experiments(120)
    before = export_text()
    wipe_portal()
    path = tmp_path / "many.json"
    path.write_text(before, encoding="utf-8")

    call_command("import_portal", str(path), "--chunk-size", "25", stdout=io.StringIO())

    assert Experiment.objects.count() == 120
    assert json.loads(export_text()) == json.loads(before)


def test_unknown_lists_are_reported_and_skipped(portal, tmp_path):
    data = export_json()
    data["whiteboards"] = [{"slug": "fra-en-anden-portal"}]  # a list no app reads
    data["notes"] = "extra keys are allowed"
    output = import_text(json.dumps(data), tmp_path)
    assert "1 items of 'whiteboards' skipped" in output
    assert "notes" not in output


def test_a_byte_order_mark_is_read_past(portal, tmp_path):
    data = export_json()
    wipe_portal()
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())
    call_command("import_portal", str(path), stdout=io.StringIO())
    assert export_json() == data


def test_deep_nesting_is_refused_before_it_costs_memory(portal, tmp_path):
    """200,000 nested arrays once took 22.7 GB in the parser; refused at the 17th level."""
    path = tmp_path / "deep.json"
    depth = 200_000
    path.write_text('{"format": "labportal/1", "x": ' + "[" * depth + "]" * depth + "}")
    with pytest.raises(CommandError, match="nests deeper"):
        call_command("import_portal", str(path), stdout=io.StringIO())

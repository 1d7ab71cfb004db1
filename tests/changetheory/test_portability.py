"""Change theories in the "labportal/1" document (changetheory/portability.py): the rows,
the round trip through the real commands, upserts without duplicates, signs and links set
exactly as the file says (with history), bad input refused with nothing written, fuzzed
input, and a query count that does not grow with the theories."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from changetheory.models import ChangeTheory, Sign, SignExperiment
from labportal.organisation.models import Program, Track
from tests.factories import ExperimentFactory, ProgramFactory
from tests.fuzz_support import FUZZ, changed_tables, snapshot
from tests.portability.conftest import portal  # noqa: F401 - the portal every test builds on
from tests.portability.helpers import export_json, export_text, wipe_portal
from tests.portability.test_import_fuzz import DELETE, check, dumps, json_values, mutated, paths

pytestmark = pytest.mark.django_db

PROGRAM, TRACK = "nye-ledelsesformer", "udforskende"


@pytest.fixture
def theories(portal, in_english):  # noqa: F811
    """A program theory with three signs and a track theory with two (one unserved), and an
    experiment of another program."""
    program, track = portal["program"], Track.objects.get(slug=TRACK)
    whole = ChangeTheory.objects.create(
        slug="nye-ledelsesformer",
        program=program,
        ambition="Lede på nye måder – på tværs",
        challenge="Siloer",
        desired_practice="Ledere samarbejder på tværs af afdelinger.",
        hypothesis="Hvis vi mødes, så lærer vi.",
        actions=["Tid", "Mandat: øverste ledelse"],
        effects_short=["Flere møder på tværs"],
        effects_long=["Højere kvalitet", "Færre frafald"],
    )
    signs = [
        Sign.objects.create(theory=whole, text=text, position=position)
        for position, text in enumerate(["Første tegn", "Andet tegn – æøå", "Tredje tegn"], 1)
    ]
    SignExperiment.objects.create(sign=signs[0], experiment=portal["second"])
    SignExperiment.objects.create(sign=signs[0], experiment=portal["first"])
    SignExperiment.objects.create(sign=signs[2], experiment=portal["first"])
    part = ChangeTheory.objects.create(
        slug="udforskende-teori", track=track, desired_practice="Nysgerrige ledere."
    )
    served = Sign.objects.create(theory=part, text="Ledere observerer", position=4)
    Sign.objects.create(theory=part, text="Ledere spørger", position=9)
    SignExperiment.objects.create(sign=served, experiment=portal["first"])
    ExperimentFactory(slug="andet-programs", program=ProgramFactory(slug="andet"), track=None)
    return {"program": whole, "track": part}


def import_text(text: str, tmp_path) -> str:
    path = tmp_path / "portal.json"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_portal", str(path), stdout=out)
    return out.getvalue()


def stored() -> dict:
    """Every theory with its signs in order and each sign's experiments."""
    return {
        theory.slug: [
            (sign.text, sorted(e.slug for e in sign.experiments.all()))
            for sign in theory.signs.order_by("position", "pk")
        ]
        for theory in ChangeTheory.objects.all()
    }


def test_export_rows_follow_the_contract(theories):
    rows = export_json()["change_theories"]

    assert rows == [
        {
            "slug": "nye-ledelsesformer",
            "program": PROGRAM,
            "track": None,
            "ambition": "Lede på nye måder – på tværs",
            "challenge": "Siloer",
            "desired_practice": "Ledere samarbejder på tværs af afdelinger.",
            "hypothesis": "Hvis vi mødes, så lærer vi.",
            "signs": [
                {"text": "Første tegn", "experiments": ["a-moedekultur", "b-netvaerk"]},
                {"text": "Andet tegn – æøå", "experiments": []},
                {"text": "Tredje tegn", "experiments": ["a-moedekultur"]},
            ],
            "actions": ["Tid", "Mandat: øverste ledelse"],
            "effects_short": ["Flere møder på tværs"],
            "effects_long": ["Højere kvalitet", "Færre frafald"],
        },
        {
            "slug": "udforskende-teori",
            "program": None,
            "track": TRACK,
            "ambition": "",
            "challenge": "",
            "desired_practice": "Nysgerrige ledere.",
            "hypothesis": "",
            "signs": [
                {"text": "Ledere observerer", "experiments": ["a-moedekultur"]},
                {"text": "Ledere spørger", "experiments": []},
            ],
            "actions": [],
            "effects_short": [],
            "effects_long": [],
        },
    ]


def test_export_import_export_into_an_empty_portal_is_byte_identical(theories, tmp_path):
    before = export_text()
    wipe_portal()
    assert not ChangeTheory.objects.exists()

    output = import_text(before, tmp_path)

    assert export_text() == before
    assert "change_theories: 2 created, 0 unchanged, 0 updated" in output
    program = ChangeTheory.objects.get(slug="nye-ledelsesformer")
    assert program.history.get().history_change_reason == "import"
    # (the signs removed by wipe_portal keep their history: count the imported ones)
    assert Sign.history.filter(history_type="+", history_change_reason="import").count() == 5
    assert SignExperiment.history.filter(history_change_reason="import").count() == 4


def test_import_twice_creates_no_duplicates_and_changes_nothing(theories, tmp_path):
    text = export_text()
    wipe_portal()
    import_text(text, tmp_path)
    before = snapshot()

    output = import_text(text, tmp_path)

    assert "change_theories: 0 created, 2 unchanged, 0 updated" in output
    assert "change theory signs: 0 added, 0 removed, 0 updated" in output
    assert changed_tables(before, snapshot()) == []


def test_import_into_the_same_portal_changes_nothing(theories, tmp_path):
    """The track theory's signs sit at positions 4 and 9: kept, as their order is right."""
    text = export_text()
    before = snapshot()

    import_text(text, tmp_path)

    assert changed_tables(before, snapshot()) == []


def test_signs_and_links_become_exactly_what_the_file_says(theories, tmp_path):
    data = export_json()
    whole = data["change_theories"][0]
    first, third = Sign.objects.get(text="Første tegn"), Sign.objects.get(text="Tredje tegn")
    whole["signs"] = [
        {"text": "Tredje tegn", "experiments": ["b-netvaerk"]},  # moved up, other experiment
        {"text": "Nyt tegn", "experiments": ["a-moedekultur"]},
    ]  # "Første tegn" and "Andet tegn" are gone
    whole["challenge"] = "Nye siloer"

    output = import_text(json.dumps(data), tmp_path)

    assert stored()["nye-ledelsesformer"] == [
        ("Tredje tegn", ["b-netvaerk"]),
        ("Nyt tegn", ["a-moedekultur"]),
    ]
    # A sign with the same text keeps its row; a new text takes over a row left over, in
    # order (its history shows the edit); what is left after that is removed.
    assert Sign.objects.get(text="Tredje tegn").pk == third.pk
    assert Sign.objects.get(text="Nyt tegn").pk == first.pk
    assert first.history.first().history_change_reason == "import"
    assert not Sign.objects.filter(text="Andet tegn – æøå").exists()
    assert SignExperiment.objects.filter(sign__theory__slug="nye-ledelsesformer").count() == 2
    theory = ChangeTheory.objects.get(slug="nye-ledelsesformer")
    assert (theory.challenge, theory.version) == ("Nye siloer", 2)
    latest = theory.history.first()
    assert (latest.version, latest.history_change_reason) == (2, "import")
    assert SignExperiment.history.filter(history_change_reason="import").count() == 1
    assert "change_theories: 0 created, 1 unchanged, 1 updated" in output
    assert "change theory signs: 0 added, 1 removed, 2 updated" in output
    assert ChangeTheory.objects.get(slug="udforskende-teori").version == 1
    assert export_json()["change_theories"][0] == whole


def test_a_theory_may_move_from_a_track_to_a_program_of_its_own(theories, tmp_path):
    data = export_json()
    other = Program.objects.create(slug="tredje", title="Tredje")
    data["programs"].append({"slug": "tredje", "title": "Tredje", "tracks": []})
    data["change_theories"][1].update(program="tredje", track=None)
    data["change_theories"][1]["signs"] = [{"text": "Ledere spørger", "experiments": []}]

    import_text(json.dumps(data), tmp_path)

    moved = ChangeTheory.objects.get(slug="udforskende-teori")
    assert (moved.program, moved.track) == (other, None)
    assert stored()["udforskende-teori"] == [("Ledere spørger", [])]


def _theory(data: dict, index: int = 0) -> dict:
    return data["change_theories"][index]


def _sign(data: dict, index: int = 0) -> dict:
    return _theory(data)["signs"][index]


BAD_INPUTS = {
    "unknown program": (
        lambda d: _theory(d).update(program="ingen"),
        "change_theories[0] \"nye-ledelsesformer\": 'program' refers to the unknown program "
        "'ingen'",
    ),
    "unknown track": (
        lambda d: _theory(d, 1).update(track="ingen"),
        "'track' refers to the unknown track 'ingen'",
    ),
    "unknown experiment": (
        lambda d: _sign(d)["experiments"].append("spoegelse"),
        "signs[0]: 'experiments' refers to the unknown experiment 'spoegelse'",
    ),
    "both program and track": (
        lambda d: _theory(d).update(track=TRACK),
        "give exactly one of 'program' and 'track'",
    ),
    "neither program nor track": (
        lambda d: _theory(d).update(program=None),
        "give exactly one of 'program' and 'track'",
    ),
    "empty sign text": (
        lambda d: _sign(d).update(text=""),
        "signs[0]: the key 'text' is missing or empty",
    ),
    "blank sign text": (
        lambda d: _sign(d).update(text="   "),
        "signs[0]: the key 'text' is missing or empty",
    ),
    "sign without text": (
        lambda d: _sign(d).pop("text"),
        "the key 'text' is missing or empty",
    ),
    "sign text too long": (
        lambda d: _sign(d).update(text="x" * 5_001),
        "'text' is longer than 5000 characters",
    ),
    "section too long": (
        lambda d: _theory(d).update(desired_practice="x" * 20_001),
        "'desired_practice' is longer than 20000 characters",
    ),
    "list item too long": (
        lambda d: _theory(d).update(effects_long=["x" * 5_001]),
        "an item of 'effects_long' is longer than 5000 characters",
    ),
    "too many signs": (
        lambda d: _theory(d).update(signs=[{"text": f"Tegn {n}"} for n in range(101)]),
        "'signs' has more than 100 items",
    ),
    "NUL in a text": (
        lambda d: _theory(d).update(challenge="Silo\x00er"),
        "'challenge' contains a character that cannot be stored",
    ),
    "NUL in a sign": (
        lambda d: _sign(d).update(text="Tegn\x00"),
        "signs[0]: 'text' contains a character that cannot be stored",
    ),
    "NUL in a list": (
        lambda d: _theory(d).update(actions=["\x00"]),
        "'actions' contains a character that cannot be stored",
    ),
    "experiment of another program": (
        lambda d: _sign(d)["experiments"].append("andet-programs"),
        "the experiment 'andet-programs' belongs to another program",
    ),
    "experiment listed twice": (
        lambda d: _sign(d).update(experiments=["b-netvaerk", "b-netvaerk"]),
        "the experiment 'b-netvaerk' is listed twice",
    ),
    "second theory for the same program": (
        lambda d: d["change_theories"].append({**_theory(d), "slug": "en-til"}),
        'change_theories[2] "en-til": the file has a second change theory for the same program',
    ),
    "program holding another theory": (
        lambda d: _theory(d).update(slug="omdoebt"),
        "its program or track already has the change theory 'nye-ledelsesformer'",
    ),
    "signs not a list": (
        lambda d: _theory(d).update(signs={"text": "x"}),
        "'signs' must be a list",
    ),
    "sign not an object": (
        lambda d: _theory(d).update(signs=["Et tegn"]),
        "signs[0]: expected an object",
    ),
    "duplicate slug": (
        lambda d: _theory(d, 1).update(slug="nye-ledelsesformer"),
        "the slug 'nye-ledelsesformer' appears twice",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(theories, tmp_path, case):
    change, message = BAD_INPUTS[case]
    data = export_json()
    change(data)
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        import_text(json.dumps(data), tmp_path)

    assert str(refused.value).startswith("Nothing was imported.")
    assert message in str(refused.value)
    assert changed_tables(before, snapshot()) == []


def test_changed_theory_parts_are_imported_or_refused_never_crash(theories, tmp_path):
    """Random changes to the change-theory part of a real export: imported, or refused
    with a CommandError that changes no table."""
    base = export_json()
    places = [path for path in paths(base) if path[0] == "change_theories"]
    outcomes = {"imported": 0, "refused": 0}
    mutations = st.lists(
        st.tuples(st.sampled_from(places), st.one_of(json_values, st.just(DELETE))),
        min_size=1,
        max_size=3,
    )

    @FUZZ
    @given(changes=mutations, ascii_only=st.booleans())
    def run(changes, ascii_only):
        check(tmp_path, dumps(mutated(base, changes), ascii_only), outcomes)

    run()
    assert outcomes["imported"] > 0
    assert outcomes["refused"] > 0

"""import_portal fuzzed with Hypothesis: random JSON documents, and real exports with random
parts replaced or removed. The command either imports or refuses with a CommandError
(never another exception), and a refused import changes no row of any table."""

import copy
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from labportal.portability import sections
from tests.fuzz_support import CHARS, FUZZ, ODD_VALUES, changed_tables, rolled_back, snapshot

from .helpers import export_json

pytestmark = pytest.mark.django_db

DELETE = object()  # a mutation that removes the key or item

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20, max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(CHARS, max_size=30),
    st.sampled_from(ODD_VALUES),
    st.sampled_from(["labportal/1", "2024-02-01", "2024-02-01T12:00:00", "tec", "strateg"]),
    st.sampled_from(["x" * 121, "y" * 255, "z" * 5001, "w" * 20_001]),  # past the limits
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(CHARS, max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)


def paths(doc, prefix=()):
    """Every place in the document (a key of an object or an index of a list)."""
    if isinstance(doc, dict):
        items = doc.items()
    elif isinstance(doc, list):
        items = enumerate(doc)
    else:
        return
    for key, child in items:
        yield (*prefix, key)
        yield from paths(child, (*prefix, key))


def mutated(doc, mutations) -> object:
    doc = copy.deepcopy(doc)
    for path, new in mutations:
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            if new is DELETE:
                del parent[path[-1]]
            else:
                parent[path[-1]] = new
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this place
    return doc


def run_import(tmp_path, text: str) -> CommandError | None:
    path = tmp_path / "portal.json"
    path.write_text(text, encoding="utf-8")
    try:
        call_command("import_portal", str(path), stdout=io.StringIO())
    except CommandError as exc:
        return exc
    return None


def check(tmp_path, text: str, outcomes: dict) -> None:
    with rolled_back():
        before = snapshot()
        refused = run_import(tmp_path, text)
        if refused is None:
            outcomes["imported"] += 1
            return
        outcomes["refused"] += 1
        assert str(refused).startswith("Nothing was imported."), str(refused)
        assert changed_tables(before, snapshot()) == []


def dumps(doc, ascii_only: bool) -> str:
    return json.dumps(doc, ensure_ascii=ascii_only)


def sections_of(base: dict) -> st.SearchStrategy:
    """Every top-level list of an export, its items objects with the export's keys (and
    others) holding random JSON."""
    lists = {}
    for key, rows in base.items():
        if isinstance(rows, list):
            names = sorted({name for row in rows for name in row}) or ["slug"]
            item = st.dictionaries(st.sampled_from(names) | st.text(CHARS, max_size=8), json_values)
            lists[key] = st.lists(item | json_values, max_size=3)
    required = {section.key for section in sections() if section.required}
    return st.fixed_dictionaries(
        {"format": st.just(base["format"])} | {k: v for k, v in lists.items() if k in required},
        optional={k: v for k, v in lists.items() if k not in required},
    )


def test_random_json_documents_are_imported_or_refused(portal, tmp_path):
    outcomes = {"imported": 0, "refused": 0}
    documents = st.one_of(
        json_values,
        st.dictionaries(st.text(CHARS, max_size=12), json_values, max_size=6).map(
            lambda doc: {"format": "labportal/1", **doc}
        ),
        sections_of(export_json()),
    )

    @FUZZ
    @given(doc=documents, ascii_only=st.booleans())
    def run(doc, ascii_only):
        check(tmp_path, dumps(doc, ascii_only), outcomes)

    run()
    assert outcomes["imported"] > 0
    assert outcomes["refused"] > 0


def test_exports_with_random_changes_are_imported_or_refused(portal, tmp_path):
    base = export_json()
    places = list(paths(base))
    outcomes = {"imported": 0, "refused": 0}
    mutations = st.lists(
        st.tuples(st.sampled_from(places), st.one_of(json_values, st.just(DELETE))), max_size=3
    )

    @FUZZ
    @given(changes=mutations, ascii_only=st.booleans())
    def run(changes, ascii_only):
        check(tmp_path, dumps(mutated(base, changes), ascii_only), outcomes)

    run()
    assert outcomes["imported"] > 0
    assert outcomes["refused"] > 0

"""Helpers for the Hypothesis fuzz tests: input strategies, a snapshot of every table, a
rollback per example, and the hidden fields of a rendered form.

Each example runs inside a savepoint that is rolled back (and with an empty cache), so every
example starts from the fixture's rows, and a refused request can be checked to have
changed no row: `snapshot()` is the row count and an md5 of the rows of every table.
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser

from django.core.cache import cache
from django.db import connection, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# derandomize=True: the same examples on every run (seeded from the test's name), so CI is
# reproducible and a failure shows up on every run, not once in a while. database=None: no
# .hypothesis folder in the working tree.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

MEGABYTE = 1_000_000


class Big(str):
    """A long text that Hypothesis reports by its start and length, not a megabyte of it."""

    def __repr__(self) -> str:
        return f"Big({self[:8]!r} ... {len(self)} characters)"

    def _repr_pretty_(self, printer, cycle) -> None:  # Hypothesis' pretty-printer
        printer.text(repr(self))


class BigBytes(bytes):
    def __repr__(self) -> str:
        return f"BigBytes({self[:8]!r} ... {len(self)} bytes)"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


def repeated(pattern: str, length: int) -> Big:
    return Big((pattern * length)[:length])


# Any character that can be sent as UTF-8 (a lone surrogate cannot be encoded at all).
CHARS = st.characters(codec="utf-8")
CONTROL = st.one_of(
    st.characters(max_codepoint=0x1F),
    st.sampled_from("\x7f\x85\u200b\u2028\u2029\ufeff\ue000\ue001"),
)
ODD_VALUES = (
    "",
    " ",
    "\x00",
    "0",
    "-1",
    "None",
    "null",
    "[]",
    "{}",
    "2024-02-30",
    "0001-01-01",
    "9999-12-31",
    "99999999999999999999",
    "1e309",
    "NaN",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "new",
    # for JSON fields: what PostgreSQL's jsonb refuses, numbers JSON cannot write, nesting
    '["\\u0000"]',
    '{"a\\u0000": 1}',
    "1e999",
    "[-1e999]",
    "[NaN]",
    '"\\ud800"',
    '{"a": 1, "a": 2}',
    Big("[" * 100_000 + "]" * 100_000),
)

# Just past the lengths the portal's columns and forms allow.
LIMITS = (101, 121, 151, 201, 256, 301, 5_001, 20_001)
past_a_limit = st.builds(repeated, st.text(CHARS, min_size=1, max_size=3), st.sampled_from(LIMITS))

# A megabyte (UTF-8) of one short pattern: one such field per request keeps the body under
# Django's DATA_UPLOAD_MAX_MEMORY_SIZE, so the form itself has to refuse it.
megabyte_text = st.text(CHARS, min_size=1, max_size=6).map(
    lambda s: Big(s * (MEGABYTE // len(s.encode())))
)
megabyte_bytes = st.binary(min_size=1, max_size=8).map(lambda b: BigBytes(b * (MEGABYTE // len(b))))

junk = st.one_of(
    st.text(CHARS, max_size=40),
    past_a_limit,
    st.text(CONTROL, min_size=1, max_size=8),
    st.tuples(st.text(CHARS, max_size=10), st.text(CONTROL, min_size=1, max_size=3)).map("".join),
    st.integers().map(str),
    st.sampled_from(ODD_VALUES),
)


readable_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=60)


def value(valid: st.SearchStrategy) -> st.SearchStrategy:
    """A field's value: valid, junk, or several values where one is expected."""
    one = st.one_of(valid, junk)
    return st.one_of(one, st.lists(one, min_size=2, max_size=3))


@st.composite
def form_data(draw, fields: dict[str, st.SearchStrategy], *, required: tuple[str, ...] = ()):
    """Data for a form with `fields` (name -> strategy of valid values).

    Either every field valid (the `required` ones always present) or a fuzzed mix: any
    field missing, junk or a list; sometimes a megabyte in one field; extra fields.
    """
    if draw(st.booleans()):
        data = draw(
            st.fixed_dictionaries(
                {name: fields[name] for name in required},
                optional={name: s for name, s in fields.items() if name not in required},
            )
        )
    else:
        data = draw(st.fixed_dictionaries({}, optional={n: value(s) for n, s in fields.items()}))
        huge = draw(st.sampled_from([None, None, *fields]))
        if huge is not None:
            data[huge] = draw(megabyte_text)
    extra = draw(st.dictionaries(st.text(CHARS, min_size=1, max_size=20), junk, max_size=2))
    return extra | data


# --- the database ------------------------------------------------------------------------


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


CHECKSUM = "SELECT %s, count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))"


def snapshot(*, exclude: tuple[str, ...] = ()) -> dict[str, tuple[int, str]]:
    """table -> (row count, md5 of its rows as text in a fixed order), in one query."""
    tables = [t for t in _tables() if t not in exclude]
    if connection.vendor != "postgresql":
        return _snapshot_elsewhere(tables)
    # The table names come from the database's own catalogue, not from input.
    parts = [f'{CHECKSUM} FROM "{table}" t' for table in tables]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), tables)
        return {name: (count, digest) for name, count, digest in cursor.fetchall()}


def _snapshot_elsewhere(tables: list[str]) -> dict[str, tuple[int, str]]:
    """The same on SQLite (the suite's default): each table's rows, hashed in Python."""
    result = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the catalogue
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = (len(rows), hashlib.md5("\n".join(rows).encode()).hexdigest())  # noqa: S324
    return result


def changed_tables(before: dict, after: dict) -> list[str]:
    names = before.keys() | after.keys()
    return sorted(name for name in names if before.get(name) != after.get(name))


@contextmanager
def rolled_back() -> Iterator[None]:
    """One example: its writes are undone afterwards and it starts with an empty cache (no
    fragment of an earlier, rolled-back example is shown)."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- responses ---------------------------------------------------------------------------


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._open = {"action": attrs.get("action", ""), "method": attrs.get("method", "")}
            self._open["hidden"] = {}
            self.forms.append(self._open)
        elif self._open is not None and tag == "input" and attrs.get("type") == "hidden":
            self._open["hidden"][attrs.get("name", "")] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def hidden_fields(html: str, path: str) -> dict[str, str]:
    """The hidden inputs of the page's POST form that posts to `path` (or to itself)."""
    parser = _Forms()
    parser.feed(html)
    forms = [f for f in parser.forms if f["method"].lower() == "post" and f["action"] in ("", path)]
    assert len(forms) == 1, f"expected one POST form for {path}, found {len(forms)}"
    return forms[0]["hidden"]


class _Controls(HTMLParser):
    """The named controls of the form with id `form_id`, as a browser would send them."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.controls: dict[str, dict] = {}
        self._inside = False
        self._select: dict | None = None
        self._textarea: dict | None = None

    def _control(self, name: str, kind: str) -> dict:
        return self.controls.setdefault(name, {"kind": kind, "values": [], "options": []})

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._inside = attrs.get("id") == self.form_id
        name = attrs.get("name")
        if not self._inside:
            return
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                control = self._control(name, kind)
                control["options"].append(attrs.get("value", "on"))
                if "checked" in attrs:
                    control["values"].append(attrs.get("value", "on"))
            elif kind not in ("submit", "button", "reset", "image", "file"):
                self._control(name, kind)["values"].append(attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = self._control(name, "select")
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value", ""))
            if "selected" in attrs:
                self._select["values"].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = self._control(name, "textarea")
            self._textarea["values"] = [""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["values"][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            # A browser drops the newline that follows <textarea>.
            text = self._textarea["values"][0]
            self._textarea["values"][0] = text[1:] if text.startswith("\n") else text
            self._textarea = None


def form_controls(html: str, form_id: str) -> dict[str, dict]:
    """name -> {"kind", "values" (as a browser sends them), "options"} of one form."""
    parser = _Controls(form_id)
    parser.feed(html)
    return parser.controls


def form_errors(response) -> dict:
    form = response.context["form"] if response.context else None
    return dict(form.errors) if form is not None else {}

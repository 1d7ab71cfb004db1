"""The whole portal as JSON and back: format "labportal/1".

- `export.portal_export(out=...)` streams the document to a text file object.
- `importer.portal_import(source=...)` reads it back in one transaction.

Each app owns its keys of the document: its module `portability` lists `SECTIONS` (and
`ROW_FIELDS` where it adds a key to another app's rows, as concepts add "concepts" to each
experiment). This package reads and writes the document and calls the sections in
`INSTALLED_APPS` order, which puts every section after those it refers to; it imports no
app by name (`labportal.core.parts`).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from labportal.core.parts import app_parts

FORMAT = "labportal/1"


class PortabilityError(Exception):
    """The input cannot be imported; the message says why and where."""


@dataclass(frozen=True)
class RowField:
    """A key that one app adds to another app's rows: `value(obj)` after the key `after`,
    with `prefetch` (a lookup or `Prefetch`) added to the rows' query."""

    section: str
    key: str
    after: str
    prefetch: Any
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Section:
    """One top-level list of the document.

    `rows(chunk_size, row_fields)` yields its items in a stable order (exporting twice gives
    the same text); `load(context, source)` imports them, reading `source.items(key)`.
    A `required` key must be present in every file imported.
    """

    key: str
    rows: Callable[[int, Sequence[RowField]], Iterable[dict]]
    load: Callable[[Any, Any], None]
    required: bool = False


def sections() -> list[Section]:
    return [section for part in app_parts("portability") for section in part.SECTIONS]


def row_fields(key: str) -> list[RowField]:
    return [
        field
        for part in app_parts("portability")
        for field in getattr(part, "ROW_FIELDS", ())
        if field.section == key
    ]


def with_row_fields(row: dict, obj, fields: Sequence[RowField]) -> dict:
    """`row` with each field's value placed after its `after` key (at the end without it)."""
    if not fields:
        return row
    result = {}
    for key, value in row.items():
        result[key] = value
        for field in fields:
            if field.after == key:
                result[field.key] = field.value(obj)
    for field in fields:
        result.setdefault(field.key, field.value(obj))
    return result

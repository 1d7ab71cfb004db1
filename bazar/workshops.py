"""The two re-didaktisering workshops of a follow-up group (TIFS phase 3): which fields each
records in `Workshop.content`, and the one check of a field's value that the save service
and the JSON import share.

Kinds of field:
- "text": one plain line or short text (the elevator pitch, at most 600 characters);
- "markdown": running text, shown as sanitised Markdown (labportal.core.markdown);
- "list": a list of short texts (value words);
- "rows": a list of rows with named columns (the arena's stakeholders and their stakes; the
  roles: who, what, by when). A column of kind "date" holds "YYYY-MM-DD" or "".

`content` holds the fields by name: {"codex": "…", "values": ["…"], "arena":
[{"stakeholder": "…", "stake": "…"}], …}; a field never saved is missing.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TEXT_MAX = 10_000
PITCH_MAX = 600
ITEM_MAX = 300
ITEMS_MAX = 50


@dataclass(frozen=True)
class Column:
    name: str
    label: object
    kind: str = "text"  # or "date"


@dataclass(frozen=True)
class Field:
    name: str
    label: object
    kind: str  # "text", "markdown", "list" or "rows"
    help: object = ""
    max_length: int = TEXT_MAX
    columns: tuple[Column, ...] = ()

    @property
    def is_list(self) -> bool:
        return self.kind in ("list", "rows")


ARENA = Field(
    "arena",
    gettext_lazy("The arena: stakeholders and their stakes"),
    "rows",
    gettext_lazy("Who has a stake in the practice at home, and what is at stake for them?"),
    columns=(
        Column("stakeholder", gettext_lazy("Stakeholder")),
        Column("stake", gettext_lazy("Their stake")),
    ),
)
VALUES = Field(
    "values",
    gettext_lazy("Value words"),
    "list",
    gettext_lazy("One word or short phrase per line."),
    max_length=ITEM_MAX,
)
CODEX = Field(
    "codex",
    gettext_lazy("The codex"),
    "markdown",
    gettext_lazy("What the group promises itself when the practice comes home."),
)
REDESIGN = Field(
    "redesign",
    gettext_lazy("Re-design notes"),
    "markdown",
    gettext_lazy("What must change for the practice to fit your education?"),
)
PITCH = Field(
    "pitch",
    gettext_lazy("The elevator pitch"),
    "text",
    gettext_lazy("At most 600 characters: what you will tell your colleagues at home."),
    max_length=PITCH_MAX,
)
CODEX_2 = Field("codex", gettext_lazy("The codex, refreshed"), "markdown", CODEX.help)
PITCH_2 = Field(
    "pitch", gettext_lazy("The elevator pitch, refreshed"), "text", PITCH.help, PITCH_MAX
)
FINAL_DESIGN = Field("final_design", gettext_lazy("The final design"), "markdown")
PLANNING = Field(
    "planning",
    gettext_lazy("Practical planning"),
    "markdown",
    gettext_lazy("When, where, with whom and with which resources."),
)
ROLES = Field(
    "roles",
    gettext_lazy("Who does what, by when"),
    "rows",
    columns=(
        Column("who", gettext_lazy("Who")),
        Column("what", gettext_lazy("What")),
        Column("by", gettext_lazy("By when"), "date"),
    ),
)

WORKSHOP_FIELDS: dict[int, tuple[Field, ...]] = {
    1: (ARENA, VALUES, CODEX, REDESIGN, PITCH),
    2: (CODEX_2, PITCH_2, FINAL_DESIGN, PLANNING, ROLES),
}
TITLES = {
    1: gettext_lazy("Workshop 1: the arena, values and the pitch"),
    2: gettext_lazy("Workshop 2: the final design and who does what"),
}


def field_of(number: int, name: str) -> Field | None:
    return next((f for f in WORKSHOP_FIELDS.get(number, ()) if f.name == name), None)


def _text(value, limit: int) -> str:
    if not isinstance(value, str):
        raise ValueError(_("Expected a text."))
    value = value.replace("\x00", "").strip()
    if len(value) > limit:
        raise ValueError(
            _("At most %(max)d characters; this is %(length)d.")
            % {"max": limit, "length": len(value)}
        )
    return value


def _date(value) -> str:
    value = _text(value, 10)
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(
                _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
            ) from exc
    return value


def clean_value(field: Field, value):
    """The value as stored (stripped, empty list items and rows dropped), or ValueError with
    a message saying what is wrong."""
    if not field.is_list:
        return _text(value, field.max_length)
    if not isinstance(value, list):
        raise ValueError(_("Expected a list."))
    cleaned = []
    for item in value:
        if field.kind == "list":
            text = _text(item, field.max_length)
            if text:
                cleaned.append(text)
            continue
        if not isinstance(item, dict) or set(item) - {c.name for c in field.columns}:
            raise ValueError(_("Each row must have the columns of the table and no others."))
        row = {
            c.name: _date(item.get(c.name, ""))
            if c.kind == "date"
            else _text(item.get(c.name, ""), ITEM_MAX)
            for c in field.columns
        }
        if any(row.values()):
            cleaned.append(row)
    if len(cleaned) > ITEMS_MAX:
        raise ValueError(_("At most %(max)d items.") % {"max": ITEMS_MAX})
    return cleaned


def clean_content(number: int, content) -> dict:
    """A whole workshop's content checked field by field (the JSON import); ValueError names
    the field."""
    if number not in WORKSHOP_FIELDS:
        raise ValueError(_("A group has workshop 1 and workshop 2 only."))
    if not isinstance(content, dict):
        raise ValueError(_("The workshop's content must be an object."))
    cleaned = {}
    for name, value in content.items():
        field = field_of(number, name)
        if field is None:
            raise ValueError(
                _("Workshop %(number)d has no field %(name)r.") % {"number": number, "name": name}
            )
        try:
            cleaned[name] = clean_value(field, value)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from exc
    return cleaned

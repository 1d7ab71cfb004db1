"""Read and check one item of the document, with messages that say where the problem is."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from . import PortabilityError

SLUG_MAX = 120
PERSON_MAX = 254


def where_of(section: str, index: int, data: object) -> str:
    slug = data.get("slug") if isinstance(data, dict) else None
    return f'{section}[{index}] "{slug}"' if isinstance(slug, str) else f"{section}[{index}]"


class Item:
    """One JSON object from the document; each reader checks the type of one key."""

    def __init__(self, data: object, where: str):
        if not isinstance(data, dict):
            raise PortabilityError(
                _("%(where)s: expected an object, found %(found)s.")
                % {"where": where, "found": type(data).__name__}
            )
        self.data = data
        self.where = where

    def error(self, message: str) -> PortabilityError:
        return PortabilityError(f"{self.where}: {message}")

    def has(self, key: str) -> bool:
        return key in self.data

    def _missing(self, key: str) -> PortabilityError:
        return self.error(_("the key %(key)r is missing or empty.") % {"key": key})

    def _wrong(self, key: str, expected: str) -> PortabilityError:
        return self.error(
            _("%(key)r must be %(expected)s, not %(found)r.")
            % {"key": key, "expected": expected, "found": self.data.get(key)}
        )

    def text(self, key: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise self._missing(key)
            return ""
        if not isinstance(value, str):
            raise self._wrong(key, _("a string"))
        if required and not value.strip():
            raise self._missing(key)
        if max_length is not None and len(value) > max_length:
            raise self.error(
                _("%(key)r is longer than %(max)d characters.") % {"key": key, "max": max_length}
            )
        return value

    def slug(self, key: str, *, required: bool = False) -> str | None:
        value = self.text(key, required=required, max_length=SLUG_MAX)
        if not value:
            return None
        return self._check_slug(key, value)

    def _check_slug(self, key: str, value: str) -> str:
        try:
            validate_slug(value)
        except ValidationError as exc:
            raise self.error(
                _("%(key)r contains %(value)r, which is not a slug.") % {"key": key, "value": value}
            ) from exc
        return value

    def texts(
        self, key: str, *, max_items: int | None = None, max_length: int | None = None
    ) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._wrong(key, _("a list of strings"))
        if max_items is not None and len(value) > max_items:
            raise self.error(
                _("%(key)r has more than %(count)d items.") % {"key": key, "count": max_items}
            )
        if max_length is not None and any(len(v) > max_length for v in value):
            raise self.error(
                _("an item of %(key)r is longer than %(count)d characters.")
                % {"key": key, "count": max_length}
            )
        return value

    def slugs(self, key: str) -> list[str]:
        values = self.texts(key)
        for value in values:
            self._check_slug(key, value)
        return values

    def json_list(self, key: str) -> list:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._wrong(key, _("a list"))
        return value

    def choice(self, key: str, choices: type[models.TextChoices], *, required: bool = False) -> str:
        value = self.text(key, required=required)
        if value and value not in choices.values:
            raise self.error(
                _("%(key)r is %(value)r; expected one of: %(allowed)s.")
                % {"key": key, "value": value, "allowed": ", ".join(choices.values)}
            )
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.text(key)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise self._wrong(key, _("a date (YYYY-MM-DD)")) from exc

    def datetime(self, key: str, *, required: bool = False) -> dt.datetime | None:
        """An ISO 8601 datetime; one without an offset is read in the portal's time zone."""
        value = self.text(key, required=required)
        if not value:
            return None
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise self._wrong(key, _("an ISO 8601 date and time")) from exc
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed

    def person(self, key: str) -> str | None:
        value = self.text(key, max_length=PERSON_MAX).strip()
        return value or None

    def items(self, key: str) -> list["Item"]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._wrong(key, _("a list"))
        return [Item(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(value)]

    def item(self, key: str) -> "Item | None":
        value = self.data.get(key)
        return None if value is None else Item(value, f"{self.where}.{key}")


# How values are written: a person by username, a datetime or date in ISO 8601, an object
# by its slug.


def person_ref(user) -> str | None:
    return user.username if user is not None else None


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def slug_of(obj) -> str | None:
    return obj.slug if obj is not None else None

"""What the portal's admin classes share: the admin asks the portal's rules, and its JSON
fields accept only what PostgreSQL can store."""

import copy
import math

from django import forms
from django.contrib import admin
from django.db import models
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext_lazy as _


def _unstorable(value) -> str | None:
    """Why jsonb cannot hold this parsed JSON (an error code), or None."""
    stack = [value]
    while stack:  # not recursive: the value may be nested as deep as the parser allowed
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if "\x00" in item or (not item.isascii() and _lone_surrogate(item)):
                return "character"
        elif isinstance(item, float) and not math.isfinite(item):
            return "number"
    return None


def _lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class StorableJSONField(forms.JSONField):
    """The admin's JSON field: what jsonb cannot store is refused with a message instead of
    a database error (a NUL character or a lone surrogate escaped in a string, a number such
    as 1e999 or NaN, a number too long to read, nesting deeper than Python's parser goes),
    and an empty field is the model field's default where the column may not be NULL."""

    default_error_messages = {
        "character": _(
            "The JSON contains a character that cannot be stored (\\u0000 or half of a "
            "surrogate pair)."
        ),
        "number": _("The JSON contains a number that cannot be stored, such as 1e999 or NaN."),
        "deep": _("The JSON is nested too deeply."),
    }

    def __init__(self, *, empty_value=None, **kwargs):
        super().__init__(empty_value=empty_value, **kwargs)  # kept by CharField

    def to_python(self, value):
        if not self.disabled and value in self.empty_values:
            return copy.deepcopy(self.empty_value)
        try:
            converted = super().to_python(value)
        except RecursionError:
            raise forms.ValidationError(self.error_messages["deep"], code="deep") from None
        except ValueError:  # an integer of more digits than Python converts
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        problem = _unstorable(converted)
        if problem:
            raise forms.ValidationError(self.error_messages[problem], code=problem)
        return converted

    def bound_data(self, data, initial):
        """What the re-rendered form shows: the text as typed when it cannot be stored (a
        lone surrogate could not even be sent back as UTF-8)."""
        try:
            parsed = super().bound_data(data, initial)
        except (RecursionError, ValueError):
            return InvalidJSONInput(data)
        if data is not None and not self.disabled and _unstorable(parsed):
            return InvalidJSONInput(data)
        return parsed


class PortalAdminMixin:
    """Administrators of the portal may view and change these models in the admin."""

    def _administers(self, request) -> bool:
        return request.user.is_active and request.user.has_perm("portal.administer")

    def has_module_permission(self, request):
        return self._administers(request)

    def has_view_permission(self, request, obj=None):
        return self._administers(request)

    def has_add_permission(self, request, *args):
        return self._administers(request)

    def has_change_permission(self, request, obj=None):
        return self._administers(request)

    def has_delete_permission(self, request, obj=None):
        return self._administers(request)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField):
            kwargs.setdefault("form_class", StorableJSONField)
            if not db_field.null:
                kwargs.setdefault("empty_value", db_field.get_default())
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PortalInline(PortalAdminMixin, admin.TabularInline):
    extra = 0

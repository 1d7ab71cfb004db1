"""One way to change a stored object: set only what differs, save only that, say what changed.

Editing forms and both importers (booklet and JSON) write through `model_update`, so an
unchanged value is never written, `updated_at` moves only when something changed, and the
caller can report (or record in the audit trail) exactly which fields did.
"""

import hashlib
import json

from django.db import models


def _stored(instance: models.Model, field: models.Field):
    return getattr(instance, field.attname)


def _as_stored(field: models.Field, value):
    """A related object compares by its primary key, as the row stores it."""
    if field.is_relation and isinstance(value, models.Model):
        return value.pk
    return value


def model_update(instance: models.Model, data: dict, *, save: bool = True) -> list[str]:
    """Set the fields of `data` (by name or attname) whose value differs from the instance's;
    with `save`, save just those (and any `auto_now` field, such as `updated_at`) with
    `update_fields`. Return the names that changed, in `data`'s order.

    Callers that write many rows at once pass `save=False` and hand the changed instances to
    `bulk_update` with the union of the returned names.
    """
    meta = instance._meta
    changed = []
    for name, value in data.items():
        field = meta.get_field(name)
        if _stored(instance, field) != _as_stored(field, value):
            setattr(instance, name, value)
            changed.append(name)
    if changed and save:
        touched = [f.name for f in meta.concrete_fields if getattr(f, "auto_now", False)]
        instance.save(update_fields=[*changed, *touched])
    return changed


def fingerprint(shown: dict) -> str:
    """A fingerprint of what an edit form showed (field values, ids): the form carries it, and
    a save compares it with the stored row's, so an edit over someone else's is noticed."""
    text = json.dumps(shown, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()

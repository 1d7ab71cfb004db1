"""How every part of the booklet import saves what the booklet names: create it, or change
only what differs (through `model_update`, like every other write), and report which.

The booklet's own rule comes first: on an object that exists it never replaces a value with
an empty one, because the booklet often leaves out what the portal knows (an experiment's
institution, say). Such values are dropped before `model_update` sees them.
"""

from __future__ import annotations

from django.db import models

from labportal.core.updating import model_update

from .report import BookletReport


def booklet_save(
    model: type[models.Model],
    found: models.Model | None,
    *,
    slug: str,
    values: dict,
    report: BookletReport,
    kind: str,
    create: dict | None = None,
) -> models.Model:
    """Create `model` under `slug` with `create` and `values` when nothing was `found`, else
    update `found` with `values`; record "created", "updated" or "unchanged" under `kind`."""
    if found is None:
        obj = model(slug=slug, **(create or {}), **values)
        obj.save()
        report.record(kind, "created", str(obj))
        return obj
    changed = model_update(found, without_emptied(found, values))
    report.record(kind, "updated" if changed else "unchanged", str(found))
    return found


def without_emptied(obj: models.Model, values: dict) -> dict:
    """`values` less those that would empty a field `obj` has filled."""
    return {
        name: value
        for name, value in values.items()
        if not (_empty(value) and not _empty(_stored(obj, name)))
    }


def _stored(obj: models.Model, name: str):
    return getattr(obj, obj._meta.get_field(name).attname)


def _empty(value) -> bool:
    return value is None or value == "" or value == []

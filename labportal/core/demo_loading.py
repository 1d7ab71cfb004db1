"""The demo content of `manage.py demo`: one "labportal/1" document stitched from every app's
part, loaded through the JSON importer, so loading it twice changes nothing.

Each app's module `demo` (`labportal.core.parts`) gives `demo_part()`, its keys of the
document, and may give `SUMMARY`: for some of those keys, a lazy ngettext phrase that
counts them, formatted with `count` and `titles` (the rows' titles or names).
"""

import io
import json

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from labportal.accounts.demo import demo_staff_ensure
from labportal.portability import FORMAT
from labportal.portability.importer import portal_import

from .parts import app_parts


def demo_parts() -> list:
    return list(app_parts("demo"))


def demo_document() -> dict:
    document = {"format": FORMAT}
    for part in demo_parts():
        keys = part.demo_part()
        if clash := document.keys() & keys.keys():  # a key has one owner, or one part is lost
            raise ImproperlyConfigured(f"{part.__name__} repeats the demo keys {sorted(clash)}")
        document |= keys
    return document


def demo_content_load() -> list[str]:
    """Ensure the demo staff and load the demo document (idempotent); return summary lines."""
    document = demo_document()
    with transaction.atomic():
        staff = demo_staff_ensure()
        report = portal_import(source=io.BytesIO(json.dumps(document).encode()))
    lines = [
        section_line(phrase, document[key], report.counts.get(key, {}))
        for part in demo_parts()
        for key, phrase in getattr(part, "SUMMARY", {}).items()
    ]
    lines.append(
        ngettext(
            "%(count)d demo staff member (no password).",
            "%(count)d demo staff (no password).",
            len(staff),
        )
        % {"count": len(staff)}
    )
    return lines


def section_line(phrase, rows: list[dict], done: dict) -> str:
    """E.g. "22 experiments: 0 created, 0 updated, 22 unchanged." """
    titles = ", ".join(row.get("title") or row.get("name") or row["slug"] for row in rows)
    return _("%(counted)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
        "counted": phrase % {"count": len(rows), "titles": titles},
        **{what: done.get(what, 0) for what in ("created", "updated", "unchanged")},
    }

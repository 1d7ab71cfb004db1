"""Read a "labportal/1" document back into the portal, in ONE transaction.

How it merges into an empty or an existing portal:

- Every object is matched by its slug (educations by institution and slug, aliases by
  name); a match is updated where a value differs, otherwise left alone, so importing the
  same file twice changes nothing. Nothing is ever deleted, except that the file is the
  truth about the things it describes: an experiment's team and concepts, and a track's
  aliases, become exactly what the file lists.
- Phase history is only ever added to: an entry already present for the same experiment,
  time, target phase and kind is skipped.
- References (program, track, institution, education, concept, parent experiment) may
  point to objects in the file or already in the portal; anything else is an error.
- People: see `people.py` (unknown people become inactive users without a password).
- Each app imports its own keys (its `portability` module), in INSTALLED_APPS order, so a
  section finds what it refers to already written; large sections are read and written in
  chunks (`chunk_size`), small ones whole.
- A top-level list that no installed app reads is reported and skipped.
- created_at/updated_at are set by the importing portal; phase_entered_at is restored.

Any problem raises `PortabilityError` with the place in the file, and nothing is written.
"""

from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _

from labportal.core import fragments

from . import FORMAT, PortabilityError, Section, sections
from .context import Context, ImportReport
from .people import People
from .reading import Source

DEFAULT_CHUNK_SIZE = 500


def portal_import(
    *, source: "str | Path | BinaryIO", chunk_size: int = DEFAULT_CHUNK_SIZE
) -> ImportReport:
    """Import a "labportal/1" file (a path or a binary file object) in one transaction."""
    with Source.open(source) as src:
        known = sections()
        check_top_level(src, known)
        ctx = Context(report=ImportReport(), people=People(), chunk_size=chunk_size)
        with transaction.atomic():
            for section in known:
                if section.key in src.kinds:
                    section.load(ctx, src)
            report_unknown_keys(ctx, src, {section.key for section in known})
            fragments.invalidate()  # bulk writes send no signals
        ctx.report.people_created = ctx.people.created
        return ctx.report


def report_unknown_keys(ctx: Context, src: Source, known: set[str]) -> None:
    """Extra keys are allowed; a list of items no installed app reads is said to be skipped."""
    for key, kind in src.kinds.items():
        if kind == "list" and key not in known:
            n = sum(1 for _item in src.items(key))
            if n:
                ctx.report.warnings.append(
                    _("%(n)d items of %(key)r skipped: no part of this portal reads them.")
                    % {"n": n, "key": key}
                )


def check_top_level(src: Source, known: list[Section]) -> None:
    if src.kinds.get("format") is None:
        raise PortabilityError(_("The key 'format' is missing: this is not a labportal export."))
    if src.format != FORMAT:
        raise PortabilityError(
            _("Unsupported format %(found)r; this portal reads %(expected)r.")
            % {"found": src.format, "expected": FORMAT}
        )
    missing = [s.key for s in known if s.required and s.key not in src.kinds]
    if missing:
        raise PortabilityError(
            _("Missing keys at the top level: %(keys)s.") % {"keys": ", ".join(missing)}
        )
    for key in (section.key for section in known):
        if key in src.kinds and src.kinds[key] != "list":
            raise PortabilityError(
                _("%(key)r must be a list, not a %(kind)s.") % {"key": key, "kind": src.kinds[key]}
            )

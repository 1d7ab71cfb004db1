"""Write a parsed booklet into the portal: one transaction, idempotent, with a dry run.

    report = booklet_import(text=..., program_slug=None, dry_run=False)

This layer only stitches. Each installed app that has a `booklet` module writes its own
passages in its `booklet_apply(parsed, context)` (`labportal.core.parts`), in
`INSTALLED_APPS` order, so what others refer to is written first: the organisation (lab,
program, tracks and their aliases, institutions), then experiments, then concepts, then
change theories. Each part matches what the booklet names with what the portal holds and
saves only what differs (`saving.booklet_save`), so a second run reports everything
unchanged; what later parts need from earlier ones travels in the shared `BookletContext`.

A dry run does the same work inside a transaction that is rolled back, so its report is
exactly what a real run would do.
"""

from __future__ import annotations

from django.db import transaction

from labportal.core.parts import app_parts

from .context import BookletContext, Progress
from .parsed import ParsedBooklet
from .parser import parse
from .report import BookletReport


class _DryRun(Exception):
    """Raised to roll the dry run's transaction back."""


def booklet_import(
    *,
    text: str,
    program_slug: str | None = None,
    dry_run: bool = False,
    by=None,
    progress: Progress | None = None,
) -> BookletReport:
    """Import a booklet's text; raises BookletError when it is not a booklet."""
    parsed = parse(text)
    report = BookletReport(
        dry_run=dry_run,
        program=parsed.program,
        unplaced=list(parsed.unplaced),
        resolved_aliases=list(parsed.resolved_labels),
    )
    context = BookletContext(
        report=report,
        by=by,
        program_slug=program_slug,
        progress=progress,
        total=_steps(parsed),
    )
    try:
        with transaction.atomic():
            for part in app_parts("booklet"):
                part.booklet_apply(parsed, context)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    report.unplaced.sort(key=lambda u: u.line)
    report.resolved_aliases.sort(key=lambda r: r.line)
    return report


def _steps(parsed: ParsedBooklet) -> int:
    """One step for the front matter (the organisation), one per experiment, per concept and
    per change theory: the parts tick as they finish each."""
    return 1 + len(parsed.experiments) + len(parsed.concepts) + len(parsed.theories)

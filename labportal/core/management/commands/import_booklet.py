"""manage.py import_booklet FILE [--program SLUG] [--dry-run]

With the portal's commands, not in an app: the import writes every app's part of a booklet
(labportal.booklet)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from labportal.booklet import (
    KINDS,
    LABEL_SOURCES,
    BookletError,
    booklet_import,
    read_booklet_bytes,
)


class Command(BaseCommand):
    help = _(
        "Read an inspiration booklet (extracted text or the PDF) and create or update its "
        "program, tracks, concepts and experiments."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("a .txt or .pdf file"))
        parser.add_argument("--program", dest="program", default=None, help=_("program slug"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("report what would change, write nothing")
        )

    def handle(self, *args, file: str, program: str | None, dry_run: bool, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}
            ) from error
        try:
            text = read_booklet_bytes(data, path.name)
            report = booklet_import(text=text, program_slug=program, dry_run=dry_run)
        except BookletError as error:
            raise CommandError(
                _("%(file)s: %(message)s") % {"file": file, "message": error.message}
            ) from error
        self._print(report)

    def _print(self, report):
        if report.dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        self.stdout.write(_("Program: %(program)s") % {"program": report.program})
        rows = [(str(KINDS[kind]), counts) for kind, counts in report.counts().items()]
        width = max(len(label) for label, _counts in rows) + 2
        created, updated, unchanged = _("created"), _("updated"), _("unchanged")
        self.stdout.write(f"{'':{width}} {created:>9} {updated:>9} {unchanged:>10}")
        for label, counts in rows:
            self.stdout.write(
                f"{label:{width}} {counts['created']:9} {counts['updated']:9} "
                f"{counts['unchanged']:10}"
            )
        self.stdout.write(
            _("Track labels resolved as aliases: %(count)d")
            % {"count": len(report.resolved_aliases)}
        )
        for resolved in report.resolved_aliases:
            self.stdout.write(
                _("  line %(line)s: “%(label)s” → %(track)s (%(how)s)")
                % {
                    "line": resolved.line,
                    "label": resolved.label,
                    "track": resolved.track,
                    "how": LABEL_SOURCES[resolved.source],
                }
            )
        self.stdout.write(
            _("Passages that could not be placed: %(count)d") % {"count": len(report.unplaced)}
        )
        for passage in report.unplaced:
            lines = (
                f"{passage.line}–{passage.end_line}"
                if passage.end_line and passage.end_line != passage.line
                else str(passage.line)
            )
            self.stdout.write(
                _("  line %(lines)s (%(reason)s): %(text)s")
                % {"lines": lines, "reason": passage.reason, "text": passage.text[:100]}
            )

"""manage.py build_booklet --program SLUG --output FILE.pdf

With the portal's commands, not in an app: the booklet is stitched from every app's part
(labportal.pdf.booklet). The file appears whole or not at all."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from labportal.pdf.booklet import BookletNotFound, write_booklet


class Command(BaseCommand):
    help = _("Build a program's inspiration booklet as a PDF.")

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help=_("program slug"))
        parser.add_argument("--output", required=True, help=_("the PDF file to write"))
        parser.add_argument("--lang", default="da", help=_("language of the booklet (da, en)"))

    def handle(self, *args, program: str, output: str, lang: str, **options):
        path = Path(output)
        try:
            self._check(path, output)
            result = write_booklet(program, path, lang=lang)
        except BookletNotFound as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": output, "error": error}
            ) from error
        self._report(result, output)

    def _check(self, path: Path, output: str) -> None:
        if not path.parent.is_dir():
            raise CommandError(_("Cannot write %(file)s: no such folder.") % {"file": output})
        if path.is_dir():
            raise CommandError(_("Cannot write %(file)s: it is a folder.") % {"file": output})

    def _report(self, result, output: str) -> None:
        for warning in result.warnings:
            self.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
        self.stdout.write(
            _("Wrote %(file)s (%(size)d bytes).") % {"file": output, "size": len(result.pdf)}
        )

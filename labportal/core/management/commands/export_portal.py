"""`manage.py export_portal [--output FILE]`: the whole portal as "labportal/1" JSON."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from labportal.portability.export import DEFAULT_CHUNK_SIZE, portal_export


class _Out:
    """Writes through the command's stdout without adding line endings."""

    def __init__(self, stdout):
        self.stdout = stdout

    def write(self, text: str) -> None:
        self.stdout.write(text, ending="")


class Command(BaseCommand):
    help = "Export the whole portal as JSON (format labportal/1), to stdout or a file."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Write to this file instead of stdout.")
        parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE)

    def handle(self, *args, output: str | None, chunk_size: int, **options):
        if not output:
            portal_export(out=_Out(self.stdout), chunk_size=chunk_size)
            return
        path = Path(output)
        partial = path.with_name(f".{path.name}.partial")
        try:
            with partial.open("w", encoding="utf-8") as file:
                counts = portal_export(out=file, chunk_size=chunk_size)
            os.replace(partial, path)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        summary = ", ".join(f"{n} {key}" for key, n in counts.items())
        self.stderr.write(
            _("Exported to %(path)s: %(summary)s") % {"path": path, "summary": summary}
        )

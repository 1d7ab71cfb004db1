"""`manage.py import_portal FILE`: load a "labportal/1" JSON export, without duplicates."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DataError, IntegrityError
from django.utils.translation import gettext as _

from labportal.portability import PortabilityError
from labportal.portability.importer import DEFAULT_CHUNK_SIZE, portal_import


class Command(BaseCommand):
    help = (
        "Import a JSON export (format labportal/1) into an empty or existing portal, in one "
        "transaction. Unknown people become inactive users without a password."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file to import ('-' reads stdin).")
        parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE)

    def handle(self, *args, file: str, chunk_size: int, **options):
        source = sys.stdin.buffer if file == "-" else file
        try:
            report = portal_import(source=source, chunk_size=chunk_size)
        except PortabilityError as exc:
            raise CommandError(_("Nothing was imported. %(error)s") % {"error": exc}) from exc
        except (DataError, IntegrityError) as exc:
            raise CommandError(
                _("Nothing was imported. The database refused the data: %(error)s") % {"error": exc}
            ) from exc
        self.stdout.write(self.style.SUCCESS(_("Imported %(file)s.") % {"file": file}))
        for line in report.lines():
            self.stdout.write(f"  {line}")

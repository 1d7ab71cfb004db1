"""Write the whole portal as a "labportal/1" JSON document, streaming.

The document is written by hand, one top-level key at a time and one list item per line, so
nothing but the current chunk of a large section is held in memory. Each app's section says
what it exports (its `portability` module); what is never exported: database ids, users and
passwords (a person is their username), created_at/updated_at, search indexes and the audit
history. Datetimes are ISO 8601 in UTC, and lists come in a stable order (slugs, usernames,
history by time), so exporting twice gives identical text.
"""

import json
from typing import TextIO

from django.db import connection, transaction

from . import FORMAT, row_fields, sections

DEFAULT_CHUNK_SIZE = 500


def _dumps(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False)


def portal_export(*, out: TextIO, chunk_size: int = DEFAULT_CHUNK_SIZE) -> dict[str, int]:
    """Write the whole portal to `out`; return the number of items per section.

    Reads in one transaction (a repeatable-read snapshot on PostgreSQL when not already
    inside a transaction), so the document is consistent while people keep working.
    """
    counts: dict[str, int] = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        out.write(f'{{"format": {_dumps(FORMAT)}')
        for section in sections():
            out.write(f',\n"{section.key}": [')
            n = 0
            for row in section.rows(chunk_size, row_fields(section.key)):
                out.write("\n" if n == 0 else ",\n")
                out.write(_dumps(row))
                n += 1
            out.write("\n]" if n else "]")
            counts[section.key] = n
        out.write("}\n")
    return counts

"""Stream-parse a "labportal/1" document with ijson, one section at a time.

A first pass checks that the file is JSON, reads "format" and notes which top-level keys
exist and what kind of value each holds; then each section is read on its own pass
(`Source.items(key)`), yielding one list item at a time. The file is never held in memory
as a whole; a source that cannot seek (a pipe) is first spooled to a temporary file.
"""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import ijson
from django.utils.translation import gettext as _

from . import PortabilityError

JSON_KINDS = {
    "start_array": "list",
    "start_map": "object",
    "string": "string",
    "number": "number",
    "boolean": "boolean",
    "null": "null",
}


# The deepest the format nests (document, section list, item, its lists and their objects,
# a link's fields) is 6; a file nested much deeper is not an export, and the parser's
# memory grows with the square of the depth.
MAX_DEPTH = 16
BOM = b"\xef\xbb\xbf"  # a UTF-8 byte order mark, as some editors write


class Source:
    def __init__(self, file: BinaryIO):
        self.file = file
        self.start = 0  # past a byte order mark
        self.kinds: dict[str, str] = {}
        self.format: str | None = None

    @classmethod
    @contextmanager
    def open(cls, source: "str | Path | BinaryIO") -> Iterator["Source"]:
        if isinstance(source, str | Path):
            try:
                file = open(source, "rb")  # noqa: SIM115 - closed below
            except OSError as exc:
                raise PortabilityError(
                    _("Cannot read %(path)s: %(error)s") % {"path": source, "error": exc.strerror}
                ) from exc
            with file:
                yield cls(file).scan()
            return
        if source.seekable():
            yield cls(source).scan()
            return
        with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
            shutil.copyfileobj(source, spool)
            yield cls(spool).scan()

    def scan(self) -> "Source":
        """Check the whole file is one JSON object; note its top-level keys."""
        self.file.seek(0)
        self.start = len(BOM) if self.file.read(len(BOM)) == BOM else 0
        self.file.seek(self.start)
        pending: str | None = None
        first = True
        depth = 0
        try:
            # basic_parse: no path per event, which would grow with the depth.
            for event, value in ijson.basic_parse(self.file, use_float=True):
                if event in ("start_map", "start_array"):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise PortabilityError(
                            _(
                                "The file nests deeper than a labportal export can "
                                "(%(depth)d levels): it is not an export."
                            )
                            % {"depth": MAX_DEPTH}
                        )
                elif event in ("end_map", "end_array"):
                    depth -= 1
                if first:
                    if event != "start_map":
                        raise PortabilityError(
                            _("The file is not a labportal export: it is not a JSON object.")
                        )
                    first = False
                    continue
                if pending is not None:
                    self.kinds[pending] = JSON_KINDS.get(event, event)
                    if pending == "format" and event == "string":
                        self.format = value
                    pending = None
                elif depth == 1 and event == "map_key":
                    if value in self.kinds:
                        raise PortabilityError(
                            _("The key %(key)r appears twice at the top level.") % {"key": value}
                        )
                    pending = value
        except (ijson.JSONError, UnicodeDecodeError, ValueError) as exc:
            raise PortabilityError(
                _("The file is not valid JSON (UTF-8): %(error)s") % {"error": exc}
            ) from exc
        if first:
            raise PortabilityError(_("The file is empty."))
        return self

    def items(self, key: str) -> Iterator[object]:
        """The items of the top-level list `key`, one at a time (nothing if absent)."""
        if key not in self.kinds:
            return
        self.file.seek(self.start)
        yield from ijson.items(self.file, f"{key}.item", use_float=True)

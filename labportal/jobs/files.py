"""Files that jobs write (PDFs, exports) appear whole or not at all."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Write to `.NAME.partial` beside `path`; on success, flush it to disk and rename it over
    `path` (atomic within a file system). A writer killed half-way leaves only the partial
    file, which the next run of the job (one at a time: the job's claim) overwrites."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)

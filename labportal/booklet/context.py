"""What the parts of one booklet import share, so that no part reaches into another.

The stitching layer makes one `BookletContext` per import and hands it to each app's
`booklet_apply(parsed, context)` in turn. Besides the report, the person importing and the
progress, it holds what earlier parts made for later ones, under names the part that makes
them documents (the organisation's part leaves "program", for one): a plain key/value store,
so that this package knows no app's objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .report import BookletReport

Progress = Callable[[int, int], None]


@dataclass
class BookletContext:
    report: BookletReport
    by: Any = None  # who imports (stored with what the import records); None on the command line
    program_slug: str | None = None  # import into this program instead of the booklet's own
    progress: Progress | None = None  # called with (done, total) after each step
    total: int = 0
    done: int = 0
    _made: dict[str, Any] = field(default_factory=dict)

    def tick(self) -> None:
        """One step done: a part calls it after each passage it wrote."""
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def __setitem__(self, name: str, value: Any) -> None:
        # Set once: a second part writing the same name would silently replace the first's.
        if name in self._made:
            raise KeyError(f"{name!r} was already left by an earlier part of the import")
        self._made[name] = value

    def __getitem__(self, name: str) -> Any:
        try:
            return self._made[name]
        except KeyError:
            raise KeyError(
                f"no earlier part of the import left {name!r}: is the app that makes it "
                "installed, and listed before the one that needs it?"
            ) from None

    def __contains__(self, name: str) -> bool:
        return name in self._made

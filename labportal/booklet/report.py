"""What a booklet import did (or, in a dry run, would do): counts, names, passages it could not
place, and the track labels it resolved as aliases."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_lazy

from .parsed import LabelSource, ResolvedLabel, Unplaced

# What a booklet holds, in the order the summaries list it (the command, the import page);
# each app's part records under its own of these names.
KINDS = {
    "lab": gettext_lazy("Development labs"),
    "program": gettext_lazy("Programs"),
    "track": gettext_lazy("Trial tracks"),
    "track_alias": gettext_lazy("Track aliases"),
    "institution": gettext_lazy("Institutions"),
    "concept": gettext_lazy("Concepts"),
    "experiment": gettext_lazy("Experiments"),
    "change_theory": gettext_lazy("Change theories"),
}
LABEL_SOURCES = {
    LabelSource.CONCEPTS: gettext_lazy("from the concepts the experiment contributed to"),
    LabelSource.CHAPTER: gettext_lazy("from the track chapter the experiment stands in"),
    LabelSource.PORTAL: gettext_lazy("a track alias the portal already knew"),
}


@dataclass
class BookletReport:
    dry_run: bool
    program: str = ""
    created: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    updated: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    unchanged: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    unplaced: list[Unplaced] = field(default_factory=list)
    resolved_aliases: list[ResolvedLabel] = field(default_factory=list)

    def record(self, kind: str, outcome: str, name: str) -> None:
        getattr(self, outcome)[kind].append(name)

    def mark_updated(self, kind: str, name: str) -> None:
        if name in self.unchanged[kind]:
            self.unchanged[kind].remove(name)
        if name not in self.updated[kind] and name not in self.created[kind]:
            self.updated[kind].append(name)

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            kind: {
                "created": len(self.created[kind]),
                "updated": len(self.updated[kind]),
                "unchanged": len(self.unchanged[kind]),
            }
            for kind in KINDS
        }

    @property
    def changed(self) -> bool:
        return any(self.created[k] or self.updated[k] for k in KINDS)

    def as_dict(self) -> dict:
        """Plain JSON for storing with an upload and rendering later."""
        return {
            "dry_run": self.dry_run,
            "program": self.program,
            "counts": self.counts(),
            "created": self.created,
            "updated": self.updated,
            "unplaced": [
                {"line": u.line, "end_line": u.end_line, "text": u.text, "reason": u.reason}
                for u in self.unplaced
            ],
            "resolved_aliases": [
                {**asdict(r), "how": str(LABEL_SOURCES[r.source])} for r in self.resolved_aliases
            ],
        }

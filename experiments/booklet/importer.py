"""Write a parsed booklet into the portal: one transaction, idempotent, with a dry run.

    report = booklet_import(text=..., program_slug=None, dry_run=False)

Objects are found by slug (`slugify` of their title) and only saved when a value differs, so a
second run reports everything unchanged and adds no history. A dry run does the same work
inside a transaction that is rolled back, so its report is exactly what a real run would do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concepts.models import Concept
from experiments.enums import Phase, TransitionKind
from experiments.models import (
    DevelopmentLab,
    Experiment,
    Institution,
    PhaseTransition,
    Program,
    Track,
    TrackAlias,
)

from .parser import ParsedBooklet, Unplaced, parse

KINDS = {
    "lab": gettext_lazy("Development labs"),
    "program": gettext_lazy("Programs"),
    "track": gettext_lazy("Trial tracks"),
    "track_alias": gettext_lazy("Track aliases"),
    "institution": gettext_lazy("Institutions"),
    "concept": gettext_lazy("Concepts"),
    "experiment": gettext_lazy("Experiments"),
}
EXPERIMENT_FIELDS = (
    "challenge",
    "hypothesis",
    "actions",
    "findings",
    "conceptualisable_elements",
    "attention_points",
    "concept_phases",
)
CONCEPT_FIELDS = (
    "aliases",
    "focus",
    "audience",
    "description",
    "phases",
    "conditions",
    "attention_points",
    "findings",
)

Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    dry_run: bool
    program: str = ""
    created: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    updated: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    unchanged: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    unplaced: list[Unplaced] = field(default_factory=list)

    def record(self, kind: str, outcome: str, name: str) -> None:
        getattr(self, outcome)[kind].append(name)

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
        }


class _DryRun(Exception):
    """Raised to roll the dry run's transaction back."""


def booklet_import(
    *,
    text: str,
    program_slug: str | None = None,
    dry_run: bool = False,
    by=None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a booklet's text; raises BookletError when it is not a booklet."""
    parsed = parse(text)
    report = ImportReport(dry_run=dry_run, program=parsed.program, unplaced=list(parsed.unplaced))
    try:
        with transaction.atomic():
            _write(parsed, report, program_slug=program_slug, by=by, progress=progress)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _write(parsed: ParsedBooklet, report, *, program_slug, by, progress) -> None:
    total = 1 + len(parsed.experiments) + len(parsed.concepts)
    step = 0

    def tick():
        nonlocal step
        step += 1
        if progress is not None:
            progress(step, total)

    lab = None
    if parsed.lab:
        lab = _upsert(
            DevelopmentLab,
            {"slug": slugify(parsed.lab)},
            {},
            report,
            "lab",
            create={"name": parsed.lab},
        )
    program = _upsert(
        Program,
        {"slug": program_slug or parsed.program_slug},
        {"lab": lab} if lab else {},
        report,
        "program",
        create={"title": parsed.program},
    )
    tracks = {
        t.title: _upsert(
            Track,
            {"slug": t.slug},
            {"program": program},
            report,
            "track",
            create={"title": t.title},
        )
        for t in parsed.tracks
    }
    for parsed_track in parsed.tracks:
        for alias in parsed_track.aliases:
            _alias(tracks[parsed_track.title], alias, report)
    institutions = {
        name: _upsert(
            Institution, {"slug": slugify(name)}, {}, report, "institution", create={"name": name}
        )
        for name in parsed.institutions
    }
    tick()
    experiments = {}
    for parsed_experiment in parsed.experiments:
        experiments[parsed_experiment.title] = _experiment(
            parsed_experiment, program, tracks, institutions, report, by
        )
        tick()
    for parsed_concept in parsed.concepts:
        _concept(parsed_concept, program, tracks, experiments, report)
        tick()


def _experiment(parsed, program, tracks, institutions, report, by) -> Experiment:
    track = tracks.get(parsed.track) if parsed.track else _track_by_name(parsed.track_spelling)
    values = {"title": parsed.title, "program": program, "track": track}
    values |= {name: getattr(parsed, name) for name in EXPERIMENT_FIELDS}
    if parsed.institution:
        values["institution"] = institutions[parsed.institution]
    phase = Phase.IMPLEMENTATION if parsed.phase == Phase.IMPLEMENTATION else Phase.CONCEPT
    experiment = _upsert(
        Experiment, {"slug": parsed.slug}, values, report, "experiment", create={"phase": phase}
    )
    if not experiment.transitions.filter(kind=TransitionKind.IMPORT).exists():
        PhaseTransition.objects.create(
            experiment=experiment,
            kind=TransitionKind.IMPORT,
            from_phase="",
            to_phase=experiment.phase,
            by=by,
            at=timezone.now(),
            note=_("Imported from the inspiration booklet for “%(program)s”.")
            % {"program": program.title},
        )
    return experiment


def _concept(parsed, program, tracks, experiments, report) -> None:
    values = {"title": parsed.title, "program": program, "track": tracks.get(parsed.track)}
    values |= {name: getattr(parsed, name) for name in CONCEPT_FIELDS}
    concept = _upsert(Concept, {"slug": parsed.slug}, values, report, "concept")
    wanted = {experiments[title].pk for title in parsed.source_experiments}
    current = set(concept.source_experiments.values_list("pk", flat=True))
    if wanted != current:
        concept.source_experiments.set(wanted)
        if concept.title not in report.created["concept"]:
            _mark_updated(report, "concept", concept.title)


def _alias(track: Track, name: str, report) -> None:
    existing = TrackAlias.objects.filter(name__iexact=name).select_related("track").first()
    if existing is None:
        TrackAlias.objects.create(track=track, name=name)
        report.record("track_alias", "created", name)
    elif existing.track_id == track.pk:
        report.record("track_alias", "unchanged", name)
    else:
        report.unplaced.append(
            Unplaced(
                0,
                name,
                _("alias already belongs to the track “%(track)s”")
                % {"track": existing.track.title},
            )
        )


def _track_by_name(name: str) -> Track | None:
    """A spelling the parser could not resolve may be known in the portal already."""
    if not name:
        return None
    alias = TrackAlias.objects.filter(name__iexact=name).select_related("track").first()
    if alias is not None:
        return alias.track
    return Track.objects.filter(title__iexact=name).first()


def _upsert(model, lookup: dict, values: dict, report, kind: str, *, create=None):
    """Create, or save only the fields whose values differ; record which happened."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **(create or {}), **values)
        obj.save()
        report.record(kind, "created", str(obj))
        return obj
    changed = [name for name, value in values.items() if not _same(obj, name, value)]
    if not changed:
        report.record(kind, "unchanged", str(obj))
        return obj
    for name in changed:
        setattr(obj, name, values[name])
    fields = changed + (["updated_at"] if _has_field(model, "updated_at") else [])
    obj.save(update_fields=fields)
    report.record(kind, "updated", str(obj))
    return obj


def _same(obj, name: str, value) -> bool:
    field_ = obj._meta.get_field(name)
    if isinstance(field_, models.ForeignKey):
        return getattr(obj, field_.attname) == (value.pk if value is not None else None)
    return getattr(obj, name) == value


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def _mark_updated(report, kind: str, name: str) -> None:
    if name in report.unchanged[kind]:
        report.unchanged[kind].remove(name)
    if name not in report.updated[kind]:
        report.updated[kind].append(name)

"""Write a parsed booklet into the portal: one transaction, idempotent, with a dry run.

    report = booklet_import(text=..., program_slug=None, dry_run=False)

Each object the booklet names is matched with what the portal holds (`matching.py`: by slug,
then by name, alias or other spelling) and only saved when a value differs, so a second run
reports everything unchanged and adds no history. On an object that exists already the import
never replaces a value with an empty one (the booklet often names no institution where the
portal has one), never moves an experiment round the wheel and never adds to its history;
concept links are only added. A new experiment starts in the phase the booklet reports
(`concept`, or `implementation`) with one `import` entry in its history.

A dry run does the same work inside a transaction that is rolled back, so its report is
exactly what a real run would do.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concepts.enums import CONCEPT_SECTIONS
from concepts.models import Concept
from experiments.enums import EXPERIMENT_SECTIONS, Phase, TransitionKind
from experiments.models import Experiment, PhaseTransition
from labportal.core.text import danish_slugify
from labportal.organisation.models import DevelopmentLab, Institution, Program, Track, TrackAlias

from . import matching
from .parser import ParsedBooklet, Unplaced, parse
from .report import KINDS, ImportReport
from .tracks import LabelSource, ResolvedLabel

__all__ = ["KINDS", "ImportReport", "booklet_import"]


Progress = Callable[[int, int], None]


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
    report = ImportReport(
        dry_run=dry_run,
        program=parsed.program,
        unplaced=list(parsed.unplaced),
        resolved_aliases=list(parsed.resolved_labels),
    )
    try:
        with transaction.atomic():
            _write(parsed, report, program_slug=program_slug, by=by, progress=progress)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    report.unplaced.sort(key=lambda u: u.line)
    report.resolved_aliases.sort(key=lambda r: r.line)
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
        lab = _save(
            DevelopmentLab,
            matching.lab(slug=parsed.lab_slug, name=parsed.lab),
            slug=parsed.lab_slug,
            values={},
            create={"name": parsed.lab},
            report=report,
            kind="lab",
        )
    slug = program_slug or parsed.program_slug
    program = _save(
        Program,
        matching.program(slug=slug, title=parsed.program, by_title=not program_slug),
        slug=slug,
        values={"lab": lab},
        create={"title": parsed.program},
        report=report,
        kind="program",
    )
    tracks = {
        t.title: _save(
            Track,
            matching.track(t),
            slug=t.slug,
            values={"program": program},
            create={"title": t.title},
            report=report,
            kind="track",
        )
        for t in parsed.tracks
    }
    _portal_labels(parsed, tracks, report)
    for parsed_track in parsed.tracks:
        for alias in parsed_track.aliases:
            _alias(tracks[parsed_track.title], alias, report)
    institutions = {}
    for name in parsed.institutions:
        slug = danish_slugify(name)
        institutions[name] = _save(
            Institution,
            matching.institution(slug=slug, name=name),
            slug=slug,
            values={},
            create={"name": name},
            report=report,
            kind="institution",
        )
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


def _portal_labels(parsed: ParsedBooklet, tracks: dict[str, Track], report) -> None:
    """A label the booklet could not settle may be a track alias the portal knows already;
    otherwise it is reported where the experiment starts."""
    by_pk = {track.pk: title for title, track in tracks.items()}
    for experiment in parsed.unresolved_labels:
        track = matching.track_by_name(experiment.track_spelling)
        if track is not None and track.pk in by_pk:
            experiment.track = by_pk[track.pk]
            report.resolved_aliases.append(
                ResolvedLabel(
                    line=experiment.line,
                    label=experiment.track_spelling,
                    track=track.title,
                    source=LabelSource.PORTAL,
                    experiment=experiment.title,
                )
            )
            continue
        report.unplaced.append(
            Unplaced(
                experiment.line,
                f"Forsøgsspor: {experiment.track_spelling}",
                _("unknown track spelling"),
            )
        )


def _experiment(parsed, program, tracks, institutions, report, by) -> Experiment:
    values = {"title": parsed.title, "program": program, "track": tracks.get(parsed.track)}
    values |= {name: getattr(parsed, name) for name in EXPERIMENT_SECTIONS}
    if parsed.institution:
        values["institution"] = institutions[parsed.institution]
    phase = Phase.IMPLEMENTATION if parsed.phase == Phase.IMPLEMENTATION else Phase.CONCEPT
    existing = matching.experiment(parsed, program)
    experiment = _save(
        Experiment,
        existing,
        slug=parsed.slug,
        values=values,
        create={"phase": phase},
        report=report,
        kind="experiment",
    )
    if existing is None:
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
    existing = matching.concept(parsed)
    values = {"title": parsed.title, "program": program, "track": tracks.get(parsed.track)}
    values |= {name: getattr(parsed, name) for name in CONCEPT_SECTIONS}
    values["aliases"] = _merged_aliases(existing, parsed)
    concept = _save(
        Concept, existing, slug=parsed.slug, values=values, report=report, kind="concept"
    )
    wanted = {experiments[title].pk for title in parsed.source_experiments}
    missing = wanted - set(concept.source_experiments.values_list("pk", flat=True))
    if missing:
        concept.source_experiments.add(*missing)
        report.mark_updated("concept", str(concept))


def _merged_aliases(existing: Concept | None, parsed) -> list[str]:
    """The concept's other spellings: those it has, the booklet's, and a title it loses."""
    aliases = list(existing.aliases or []) if existing is not None else []
    candidates = list(parsed.aliases)
    if existing is not None and existing.title != parsed.title:
        candidates.append(existing.title)
    known = {name.casefold() for name in aliases} | {parsed.title.casefold()}
    for name in candidates:
        if name.casefold() not in known:
            aliases.append(name)
            known.add(name.casefold())
    return aliases


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


def _save(model, obj, *, slug: str, values: dict, report, kind: str, create=None):
    """Create (under `slug`), or save only the fields whose values differ, never replacing a
    value with an empty one; record which happened."""
    if obj is None:
        obj = model(slug=slug, **(create or {}), **values)
        obj.save()
        report.record(kind, "created", str(obj))
        return obj
    changed = [
        name
        for name, value in values.items()
        if not _same(obj, name, value) and not (_empty(value) and not _empty(_current(obj, name)))
    ]
    if not changed:
        report.record(kind, "unchanged", str(obj))
        return obj
    for name in changed:
        setattr(obj, name, values[name])
    fields = changed + (["updated_at"] if _has_field(model, "updated_at") else [])
    obj.save(update_fields=fields)
    report.record(kind, "updated", str(obj))
    return obj


def _current(obj, name: str):
    return getattr(obj, obj._meta.get_field(name).attname)


def _same(obj, name: str, value) -> bool:
    if isinstance(obj._meta.get_field(name), models.ForeignKey):
        return _current(obj, name) == (value.pk if value is not None else None)
    return _current(obj, name) == value


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())

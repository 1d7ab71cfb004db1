"""Read a "labportal/1" document back into the portal, in ONE transaction.

How it merges into an empty or an existing portal:

- Every object is matched by its slug (educations by institution and slug, aliases by
  name); a match is updated where a value differs, otherwise left alone, so importing the
  same file twice changes nothing. Nothing is ever deleted, except that the file is the
  truth about the things it describes: an experiment's team and concepts, and a track's
  aliases, become exactly what the file lists.
- Phase history is only ever added to: an entry already present for the same experiment,
  time, target phase and kind is skipped.
- References (program, track, institution, education, concept, parent experiment) may
  point to objects in the file or already in the portal; anything else is an error.
- People: see `people.py` (unknown people become inactive users without a password).
- Experiments are read and written in chunks (`chunk_size`); the small sections
  (labs, programs, tracks, institutions, concepts) are read whole.
- created_at/updated_at are set by the importing portal; phase_entered_at is restored.

Any problem raises `PortabilityError` with the place in the file, and nothing is written.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from concepts.enums import CONCEPT_SECTIONS, ConceptStatus
from concepts.models import Concept
from labportal.core import fragments
from labportal.organisation.models import (
    DevelopmentLab,
    Education,
    Institution,
    Program,
    Track,
    TrackAlias,
)

from . import FORMAT, PortabilityError
from .fields import Item, where_of
from .people import People
from .reading import Source

REQUIRED_KEYS = ("format", "programs", "tracks", "institutions", "concepts", "experiments")
LIST_KEYS = (*REQUIRED_KEYS[1:], "labs", "change_theories", "bazar_events")
DEFAULT_CHUNK_SIZE = 500


@dataclass
class ImportReport:
    counts: dict[str, Counter] = field(default_factory=dict)
    people_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, kind: str, what: str, n: int = 1) -> None:
        self.counts.setdefault(kind, Counter())[what] += n

    def lines(self) -> list[str]:
        lines = [
            f"{kind}: " + ", ".join(f"{n} {what}" for what, n in sorted(counter.items()))
            for kind, counter in self.counts.items()
        ]
        if self.people_created:
            lines.append(
                _("people created as inactive users: %(n)d (%(names)s)")
                % {"n": len(self.people_created), "names": ", ".join(self.people_created[:10])}
                + (" …" if len(self.people_created) > 10 else "")
            )
        lines.extend(self.warnings)
        return lines


@dataclass
class Context:
    """What the sections share: the report, people and slug → id maps."""

    report: ImportReport
    people: People
    labs: dict[str, int] = field(default_factory=dict)
    programs: dict[str, int] = field(default_factory=dict)
    tracks: dict[str, tuple[int, int]] = field(default_factory=dict)  # slug → (id, program)
    institutions: dict[str, int] = field(default_factory=dict)
    educations: dict[tuple[str, str], int] = field(default_factory=dict)
    concepts: dict[str, int] = field(default_factory=dict)
    # experiment slug → concept ids, from concepts' "source_experiments"
    concept_links: dict[str, set[int]] = field(default_factory=dict)

    def ref(self, item: Item, key: str, table: dict, label: str, *, required: bool = False):
        slug = item.slug(key, required=required)
        if slug is None:
            return None
        if slug not in table:
            raise item.error(
                _("%(key)r refers to the unknown %(label)s %(slug)r.")
                % {"key": key, "label": label, "slug": slug}
            )
        return table[slug]


def upsert(ctx: Context, model, wanted: dict[str, dict], kind: str) -> None:
    """Create or update rows of `model` by slug; count what happened."""
    existing = {obj.slug: obj for obj in model.objects.filter(slug__in=list(wanted))}
    to_create, to_update, fields = [], [], set()
    has_updated_at = any(f.name == "updated_at" for f in model._meta.fields)
    for slug, values in wanted.items():
        obj = existing.get(slug)
        if obj is None:
            to_create.append(model(slug=slug, **values))
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if not changed:
            ctx.report.count(kind, "unchanged")
            continue
        for name in changed:
            setattr(obj, name, values[name])
        if has_updated_at:
            obj.updated_at = timezone.now()
            changed.append("updated_at")
        fields.update(changed)
        to_update.append(obj)
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields))
    ctx.report.count(kind, "created", len(to_create))
    ctx.report.count(kind, "updated", len(to_update))


def read_section(source: Source, key: str) -> list[Item]:
    items, seen = [], set()
    for index, data in enumerate(source.items(key)):
        item = Item(data, where_of(key, index, data))
        slug = item.slug("slug", required=True)
        if slug in seen:
            raise item.error(_("the slug %(slug)r appears twice.") % {"slug": slug})
        seen.add(slug)
        items.append(item)
    return items


def import_labs(ctx: Context, source: Source) -> None:
    wanted = {
        item.slug("slug"): {"name": item.text("name", required=True, max_length=200)}
        for item in read_section(source, "labs")
    }
    upsert(ctx, DevelopmentLab, wanted, "labs")
    ctx.labs = dict(DevelopmentLab.objects.values_list("slug", "id"))


def import_programs(ctx: Context, source: Source) -> list[Item]:
    items = read_section(source, "programs")
    ctx.people.resolve(item.person("owner") for item in items)
    wanted = {
        item.slug("slug"): {
            "title": item.text("title", required=True, max_length=200),
            "lab_id": ctx.ref(item, "lab", ctx.labs, _("development lab")),
            "introduction": item.text("introduction"),
            "owner_id": ctx.people.id(item.person("owner")),
        }
        for item in items
    }
    upsert(ctx, Program, wanted, "programs")
    ctx.programs = dict(Program.objects.values_list("slug", "id"))
    return items


def import_institutions(ctx: Context, source: Source) -> None:
    items = read_section(source, "institutions")
    wanted = {
        item.slug("slug"): {"name": item.text("name", required=True, max_length=200)}
        for item in items
    }
    upsert(ctx, Institution, wanted, "institutions")
    ctx.institutions = dict(Institution.objects.values_list("slug", "id"))
    educations: dict[tuple[int, str], str] = {}
    for item in items:
        institution_id = ctx.institutions[item.slug("slug")]
        for education in item.items("educations"):
            key = (institution_id, education.slug("slug", required=True))
            educations[key] = education.text("name", required=True, max_length=200)
    existing = {
        (e.institution_id, e.slug): e
        for e in Education.objects.filter(institution_id__in={k[0] for k in educations})
    }
    to_create = [
        Education(institution_id=inst, slug=slug, name=name)
        for (inst, slug), name in educations.items()
        if (inst, slug) not in existing
    ]
    to_update = []
    for key, name in educations.items():
        education = existing.get(key)
        if education is not None and education.name != name:
            education.name = name
            to_update.append(education)
    Education.objects.bulk_create(to_create)
    Education.objects.bulk_update(to_update, ["name"])
    ctx.report.count("educations", "created", len(to_create))
    ctx.report.count("educations", "updated", len(to_update))
    ctx.educations = {
        (inst_slug, slug): pk
        for pk, inst_slug, slug in Education.objects.values_list("id", "institution__slug", "slug")
    }


def import_tracks(ctx: Context, source: Source, programs: list[Item]) -> None:
    items = read_section(source, "tracks")
    ctx.people.resolve(item.person("owner") for item in items)
    wanted = {
        item.slug("slug"): {
            "title": item.text("title", required=True, max_length=200),
            "program_id": ctx.ref(item, "program", ctx.programs, _("program"), required=True),
            "owner_id": ctx.people.id(item.person("owner")),
        }
        for item in items
    }
    upsert(ctx, Track, wanted, "tracks")
    ctx.tracks = {
        slug: (pk, prog) for pk, slug, prog in Track.objects.values_list("id", "slug", "program_id")
    }
    for program in programs:
        for slug in program.slugs("tracks"):
            if slug not in ctx.tracks:
                raise program.error(
                    _("'tracks' refers to the unknown track %(slug)r.") % {"slug": slug}
                )
    import_aliases(ctx, items)


def import_aliases(ctx: Context, items: list[Item]) -> None:
    """Each track in the file gets exactly its listed aliases (moved from another if need be)."""
    wanted: dict[str, tuple[int, str]] = {}  # lower name → (track id, name)
    for item in items:
        track_id = ctx.tracks[item.slug("slug")][0]
        for name in item.texts("aliases"):
            if not name.strip() or len(name) > 200:
                raise item.error(_("the alias %(name)r is empty or too long.") % {"name": name})
            if name.lower() in wanted and wanted[name.lower()][0] != track_id:
                raise item.error(
                    _("the alias %(name)r belongs to two tracks in the file.") % {"name": name}
                )
            wanted[name.lower()] = (track_id, name)
    track_ids = {ctx.tracks[item.slug("slug")][0] for item in items}
    existing = {
        alias.lower_name: alias
        for alias in TrackAlias.objects.annotate(lower_name=Lower("name")).filter(
            lower_name__in=list(wanted)
        )
    }
    stale = TrackAlias.objects.filter(track_id__in=track_ids).annotate(lower_name=Lower("name"))
    removed, _deleted = stale.exclude(lower_name__in=list(wanted)).delete()
    to_create, to_update = [], []
    for lower_name, (track_id, name) in wanted.items():
        alias = existing.get(lower_name)
        if alias is None:
            to_create.append(TrackAlias(track_id=track_id, name=name))
        elif (alias.track_id, alias.name) != (track_id, name):
            alias.track_id, alias.name = track_id, name
            to_update.append(alias)
    TrackAlias.objects.bulk_create(to_create)
    TrackAlias.objects.bulk_update(to_update, ["track_id", "name"])
    for what, n in (("created", len(to_create)), ("updated", len(to_update)), ("removed", removed)):
        ctx.report.count("track aliases", what, n)


def import_concepts(ctx: Context, source: Source) -> None:
    wanted = {}
    for item in read_section(source, "concepts"):
        track = ctx.ref(item, "track", ctx.tracks, _("track"))
        program_id = ctx.ref(item, "program", ctx.programs, _("program"))
        if program_id is None and track is None:
            raise item.error(_("a concept needs a 'program' or a 'track'."))
        values = {
            "title": item.text("title", required=True, max_length=200),
            "program_id": program_id if program_id is not None else track[1],
            "track_id": track[0] if track else None,
            "status": item.choice("status", ConceptStatus) or ConceptStatus.DRAFT,
            "aliases": item.texts("aliases"),
        }
        for name in CONCEPT_SECTIONS:
            is_list = isinstance(Concept._meta.get_field(name), models.JSONField)
            values[name] = item.texts(name) if is_list else item.text(name)
        slug = item.slug("slug")
        wanted[slug] = values
        ctx.concept_links[slug] = set(item.slugs("source_experiments"))
    upsert(ctx, Concept, wanted, "concepts")
    ctx.concepts = dict(Concept.objects.values_list("slug", "id"))
    by_experiment: dict[str, set[int]] = {}
    for concept_slug, experiment_slugs in ctx.concept_links.items():
        for experiment_slug in experiment_slugs:
            by_experiment.setdefault(experiment_slug, set()).add(ctx.concepts[concept_slug])
    ctx.concept_links = by_experiment


def not_yet_importable(ctx: Context, source: Source, key: str) -> None:
    """Sections whose apps have no models yet: accepted, reported, not stored."""
    n = sum(1 for _item in source.items(key))
    if n:
        ctx.report.warnings.append(
            _("%(n)d %(key)s skipped: this portal cannot store them yet.") % {"n": n, "key": key}
        )


def portal_import(
    *, source: "str | Path | BinaryIO", chunk_size: int = DEFAULT_CHUNK_SIZE
) -> ImportReport:
    """Import a "labportal/1" file (a path or a binary file object) in one transaction."""
    from .import_experiments import import_experiments

    with Source.open(source) as src:
        check_top_level(src)
        ctx = Context(report=ImportReport(), people=People())
        with transaction.atomic():
            import_labs(ctx, src)
            programs = import_programs(ctx, src)
            import_institutions(ctx, src)
            import_tracks(ctx, src, programs)
            import_concepts(ctx, src)
            import_experiments(ctx, src, chunk_size=chunk_size)
            not_yet_importable(ctx, src, "change_theories")
            not_yet_importable(ctx, src, "bazar_events")
            fragments.invalidate()  # bulk writes send no signals
        ctx.report.people_created = ctx.people.created
        return ctx.report


def check_top_level(src: Source) -> None:
    if src.kinds.get("format") is None:
        raise PortabilityError(_("The key 'format' is missing: this is not a labportal export."))
    if src.format != FORMAT:
        raise PortabilityError(
            _("Unsupported format %(found)r; this portal reads %(expected)r.")
            % {"found": src.format, "expected": FORMAT}
        )
    missing = [key for key in REQUIRED_KEYS if key not in src.kinds]
    if missing:
        raise PortabilityError(
            _("Missing keys at the top level: %(keys)s.") % {"keys": ", ".join(missing)}
        )
    for key in LIST_KEYS:
        if key in src.kinds and src.kinds[key] != "list":
            raise PortabilityError(
                _("%(key)r must be a list, not a %(kind)s.") % {"key": key, "kind": src.kinds[key]}
            )

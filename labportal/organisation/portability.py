"""The organisation's keys of the "labportal/1" document: labs, programs, tracks (with their
aliases) and institutions (with their educations).

Objects are matched by slug (educations by institution and slug, aliases by name); a
track's aliases become exactly what the file lists. What later sections may refer to is
left in `ctx.refs`: labs, programs, institutions and educations by slug (an education by
(institution, slug)), tracks by slug as (id, program id).
"""

from collections.abc import Iterator

from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from labportal.core.updating import model_update
from labportal.portability import Section
from labportal.portability.context import Context, read_section, upsert
from labportal.portability.fields import Item, person_ref, slug_of
from labportal.portability.reading import Source

from .models import DevelopmentLab, Education, Institution, Program, Track, TrackAlias


def labs_rows(chunk_size: int, row_fields=()) -> Iterator[dict]:
    for lab in DevelopmentLab.objects.order_by("slug"):
        yield {"slug": lab.slug, "name": lab.name}


def programs_rows(chunk_size: int, row_fields=()) -> Iterator[dict]:
    programs = (
        Program.objects.select_related("lab", "owner")
        .prefetch_related(Prefetch("tracks", queryset=Track.objects.order_by("slug")))
        .order_by("slug")
    )
    for program in programs:
        yield {
            "slug": program.slug,
            "title": program.title,
            "lab": slug_of(program.lab),
            "tracks": [track.slug for track in program.tracks.all()],
            "introduction": program.introduction,
            "owner": person_ref(program.owner),
        }


def tracks_rows(chunk_size: int, row_fields=()) -> Iterator[dict]:
    tracks = Track.objects.select_related("program", "owner").prefetch_related("aliases")
    for track in tracks.order_by("slug"):
        yield {
            "slug": track.slug,
            "title": track.title,
            "program": track.program.slug,
            "aliases": sorted(alias.name for alias in track.aliases.all()),
            "owner": person_ref(track.owner),
        }


def institutions_rows(chunk_size: int, row_fields=()) -> Iterator[dict]:
    for institution in Institution.objects.prefetch_related("educations").order_by("slug"):
        educations = sorted(institution.educations.all(), key=lambda e: e.slug)
        yield {
            "slug": institution.slug,
            "name": institution.name,
            "educations": [{"slug": e.slug, "name": e.name} for e in educations],
        }


def upsert_section(ctx: Context, source: Source, key: str, model, values) -> list[Item]:
    """Read the section `key`, create or update its objects with `values(item)` by slug,
    and note their ids by slug for the sections after it."""
    items = read_section(source, key)
    ctx.people.resolve(item.person("owner") for item in items)
    upsert(ctx, model, {item.slug("slug"): values(item) for item in items}, key)
    ctx.refs[key] = dict(model.objects.values_list("slug", "id"))
    return items


def named(item: Item) -> dict:
    return {"name": item.text("name", required=True, max_length=200)}


def import_labs(ctx: Context, source: Source) -> None:
    upsert_section(ctx, source, "labs", DevelopmentLab, named)


def import_programs(ctx: Context, source: Source) -> None:
    upsert_section(
        ctx,
        source,
        "programs",
        Program,
        lambda item: {
            "title": item.text("title", required=True, max_length=200),
            "lab_id": ctx.ref(item, "lab", "labs", _("development lab")),
            "introduction": item.text("introduction"),
            "owner_id": ctx.people.id(item.person("owner")),
        },
    )


def import_institutions(ctx: Context, source: Source) -> None:
    items = upsert_section(ctx, source, "institutions", Institution, named)
    educations: dict[tuple[int, str], str] = {}
    for item in items:
        institution_id = ctx.refs["institutions"][item.slug("slug")]
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
    to_update = [
        education
        for key, name in educations.items()
        if (education := existing.get(key)) is not None
        and model_update(education, {"name": name}, save=False)
    ]
    Education.objects.bulk_create(to_create)
    Education.objects.bulk_update(to_update, ["name"])
    ctx.report.count("educations", "created", len(to_create))
    ctx.report.count("educations", "updated", len(to_update))
    ctx.refs["educations"] = {
        (inst_slug, slug): pk
        for pk, inst_slug, slug in Education.objects.values_list("id", "institution__slug", "slug")
    }


def import_tracks(ctx: Context, source: Source) -> None:
    items = upsert_section(
        ctx,
        source,
        "tracks",
        Track,
        lambda item: {
            "title": item.text("title", required=True, max_length=200),
            "program_id": ctx.ref(item, "program", "programs", _("program"), required=True),
            "owner_id": ctx.people.id(item.person("owner")),
        },
    )
    ctx.refs["tracks"] = {
        slug: (pk, prog) for pk, slug, prog in Track.objects.values_list("id", "slug", "program_id")
    }
    for program in read_section(source, "programs"):
        for slug in program.slugs("tracks"):
            if slug not in ctx.refs["tracks"]:
                raise program.error(
                    _("'tracks' refers to the unknown track %(slug)r.") % {"slug": slug}
                )
    import_aliases(ctx, items)


def import_aliases(ctx: Context, items: list[Item]) -> None:
    """Each track in the file gets exactly its listed aliases (moved from another if need be)."""
    wanted: dict[str, tuple[int, str]] = {}  # lower name → (track id, name)
    for item in items:
        track_id = ctx.refs["tracks"][item.slug("slug")][0]
        for name in item.texts("aliases"):
            if not name.strip() or len(name) > 200:
                raise item.error(_("the alias %(name)r is empty or too long.") % {"name": name})
            if name.lower() in wanted and wanted[name.lower()][0] != track_id:
                raise item.error(
                    _("the alias %(name)r belongs to two tracks in the file.") % {"name": name}
                )
            wanted[name.lower()] = (track_id, name)
    track_ids = {ctx.refs["tracks"][item.slug("slug")][0] for item in items}
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


SECTIONS = [
    Section("labs", labs_rows, import_labs),
    Section("programs", programs_rows, import_programs, required=True),
    Section("tracks", tracks_rows, import_tracks, required=True),
    Section("institutions", institutions_rows, import_institutions, required=True),
]

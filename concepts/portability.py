"""Concepts' key of the "labportal/1" document, and their links to experiments.

A concept lists the experiments it was developed from ("source_experiments"), and each
experiment row lists its concepts ("concepts", added to experiments' rows here): two views
of one link table, which this module alone writes. On import an experiment of the file gets
exactly the links that either list names; an experiment outside the file named by a concept
keeps its links and gains that one. Concepts come after experiments (INSTALLED_APPS order),
so every experiment a link names already exists.
"""

from collections.abc import Iterator, Sequence
from itertools import islice

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from experiments.models import Experiment
from labportal.portability import PortabilityError, RowField, Section
from labportal.portability.context import Context, read_section, upsert
from labportal.portability.fields import Item, slug_of, where_of
from labportal.portability.reading import Source

from .enums import CONCEPT_SECTIONS, ConceptStatus
from .models import Concept
from .portability_history import HISTORY_PREFETCH, history_fields, history_sync, read_history

Link = tuple[int, int]  # (experiment id, concept id)


def concepts_rows(chunk_size: int, row_fields: Sequence[RowField] = ()) -> Iterator[dict]:
    concepts = (
        Concept.objects.select_related("program", "track")
        .prefetch_related(Prefetch("source_experiments", queryset=Experiment.objects.only("slug")))
        .prefetch_related(*HISTORY_PREFETCH)
        .order_by("slug")
    )
    for concept in concepts:
        row = {
            "slug": concept.slug,
            "title": concept.title,
            "program": concept.program.slug,
            "track": slug_of(concept.track),
            "status": concept.status,
            "aliases": list(concept.aliases),
        }
        row.update({name: getattr(concept, name) for name in CONCEPT_SECTIONS})
        row["source_experiments"] = sorted(e.slug for e in concept.source_experiments.all())
        row.update(history_fields(concept))
        yield row


def import_concepts(ctx: Context, source: Source) -> None:
    wanted, sources, histories = {}, {}, {}
    for item in read_section(source, "concepts"):
        track = ctx.ref(item, "track", "tracks", _("track"))
        program_id = ctx.ref(item, "program", "programs", _("program"))
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
        sources[slug] = item.slugs("source_experiments")
        histories[slug] = read_history(item)
    upsert(ctx, Concept, wanted, "concepts")
    ctx.refs["concepts"] = dict(Concept.objects.values_list("slug", "id"))
    links = links_of_experiments(ctx, source) | links_of_concepts(ctx, sources)
    links_sync(ctx, links)
    history_sync(ctx, histories)


def links_of_experiments(ctx: Context, source: Source) -> set[Link]:
    """What the experiment rows list (a second pass over the section, one row at a time)."""
    concepts, experiments = ctx.refs["concepts"], ctx.refs.get("experiments", {})
    links = set()
    for index, data in enumerate(source.items("experiments")):
        item = Item(data, where_of("experiments", index, data))
        for slug in item.slugs("concepts"):
            if slug not in concepts:
                raise item.error(
                    _("'concepts' refers to the unknown concept %(slug)r.") % {"slug": slug}
                )
            links.add((experiments[item.slug("slug")], concepts[slug]))
    return links


def links_of_concepts(ctx: Context, sources: dict[str, list[str]]) -> set[Link]:
    """What the concept rows list; they may name experiments that are not in the file."""
    experiments = dict(ctx.refs.get("experiments", {}))
    outside = {slug for slugs in sources.values() for slug in slugs} - set(experiments)
    experiments |= dict(Experiment.objects.filter(slug__in=outside).values_list("slug", "pk"))
    links = set()
    for concept, slugs in sources.items():
        for slug in slugs:
            if slug not in experiments:
                raise PortabilityError(
                    _("%(where)s: %(key)r refers to the unknown experiment %(other)r.")
                    % {"where": "concepts", "key": "source_experiments", "other": slug}
                )
            links.add((experiments[slug], ctx.refs["concepts"][concept]))
    return links


def links_sync(ctx: Context, wanted: set[Link]) -> None:
    """Experiments of the file get exactly `wanted`; others only gain links."""
    in_file = set(ctx.refs.get("experiments", {}).values())
    through = Concept.source_experiments.through
    touched = iter(in_file | {experiment for experiment, _concept in wanted})
    stale, missing = [], set(wanted)
    while chunk := list(islice(touched, ctx.chunk_size)):
        rows = through.objects.filter(experiment_id__in=chunk)
        for pk, experiment, concept in rows.values_list("pk", "experiment_id", "concept_id"):
            if (experiment, concept) in wanted:
                missing.discard((experiment, concept))
            elif experiment in in_file:
                stale.append(pk)
    through.objects.filter(pk__in=stale).delete()
    through.objects.bulk_create(through(experiment_id=e, concept_id=c) for e, c in missing)
    ctx.report.count("concept links", "added", len(missing))
    ctx.report.count("concept links", "removed", len(stale))


SECTIONS = [Section("concepts", concepts_rows, import_concepts, required=True)]
ROW_FIELDS = [
    RowField(
        section="experiments",
        key="concepts",
        after="parent",
        prefetch=Prefetch("concepts", queryset=Concept.objects.only("slug").order_by("slug")),
        value=lambda experiment: [concept.slug for concept in experiment.concepts.all()],
    )
]

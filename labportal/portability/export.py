"""Write the whole portal as a "labportal/1" JSON document, streaming.

The document is written by hand, one top-level key at a time and one list item per line,
so nothing but the current chunk of experiments is held in memory. Experiments are read
with `.iterator(chunk_size=...)` and their team, history and concepts are prefetched per
chunk (a constant number of queries per chunk).

What is exported (keys beyond CONTRACTS.md are extra keys, which the format allows):

- labs: slug, name. programs: slug, title, lab, tracks, introduction, owner.
- tracks: slug, title, program, aliases, owner.
- institutions: slug, name, educations [{slug, name}].
- concepts: slug, title, program, track, status, aliases, the content sections and
  source_experiments.
- experiments: every content field, phase, phase_entered_at, decision, owner, parent,
  education {institution, slug}, dates, registered_* fields, concepts,
  team [{person, role}] and phase_history [{from, to, by, at, note, kind, decision}].
- change_theories and bazar_events: empty lists until those apps have models.

Never exported: database ids, users and passwords (a person is their username),
created_at/updated_at timestamps, the search index and the audit history
(django-simple-history rows). Datetimes are ISO 8601 in UTC. Lists are in a stable order
(slugs, usernames; history by time), so exporting twice gives identical text.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from django.db import connection, transaction
from django.db.models import Prefetch

from concepts.enums import CONCEPT_SECTIONS
from concepts.models import Concept
from experiments.models import Experiment, PhaseTransition, TeamMembership
from labportal.organisation.models import DevelopmentLab, Institution, Program, Track

from . import FORMAT

DEFAULT_CHUNK_SIZE = 500


def person_ref(user) -> str | None:
    """How a person appears in the export: their username."""
    return user.username if user is not None else None


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _slug(obj) -> str | None:
    return obj.slug if obj is not None else None


def labs_rows(chunk_size: int) -> Iterator[dict]:
    for lab in DevelopmentLab.objects.order_by("slug"):
        yield {"slug": lab.slug, "name": lab.name}


def programs_rows(chunk_size: int) -> Iterator[dict]:
    programs = (
        Program.objects.select_related("lab", "owner")
        .prefetch_related(Prefetch("tracks", queryset=Track.objects.order_by("slug")))
        .order_by("slug")
    )
    for program in programs:
        yield {
            "slug": program.slug,
            "title": program.title,
            "lab": _slug(program.lab),
            "tracks": [track.slug for track in program.tracks.all()],
            "introduction": program.introduction,
            "owner": person_ref(program.owner),
        }


def tracks_rows(chunk_size: int) -> Iterator[dict]:
    tracks = Track.objects.select_related("program", "owner").prefetch_related("aliases")
    for track in tracks.order_by("slug"):
        yield {
            "slug": track.slug,
            "title": track.title,
            "program": track.program.slug,
            "aliases": sorted(alias.name for alias in track.aliases.all()),
            "owner": person_ref(track.owner),
        }


def institutions_rows(chunk_size: int) -> Iterator[dict]:
    for institution in Institution.objects.prefetch_related("educations").order_by("slug"):
        educations = sorted(institution.educations.all(), key=lambda e: e.slug)
        yield {
            "slug": institution.slug,
            "name": institution.name,
            "educations": [{"slug": e.slug, "name": e.name} for e in educations],
        }


def concepts_rows(chunk_size: int) -> Iterator[dict]:
    concepts = (
        Concept.objects.select_related("program", "track")
        .prefetch_related(Prefetch("source_experiments", queryset=Experiment.objects.only("slug")))
        .order_by("slug")
    )
    for concept in concepts:
        row = {
            "slug": concept.slug,
            "title": concept.title,
            "program": concept.program.slug,
            "track": _slug(concept.track),
            "status": concept.status,
            "aliases": list(concept.aliases),
        }
        row.update({name: getattr(concept, name) for name in CONCEPT_SECTIONS})
        row["source_experiments"] = sorted(e.slug for e in concept.source_experiments.all())
        yield row


def experiments_queryset():
    """Experiments with everything one export row needs, prefetched per chunk."""
    return (
        Experiment.objects.select_related(
            "institution", "education__institution", "program", "track", "owner", "parent"
        )
        .defer("search_vector")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.select_related("user").order_by("user__username"),
            ),
            Prefetch(
                "transitions",
                queryset=PhaseTransition.objects.select_related("by").order_by("at", "pk"),
            ),
            Prefetch("concepts", queryset=Concept.objects.only("slug").order_by("slug")),
        )
        .order_by("slug")
    )


def experiment_row(experiment: Experiment) -> dict:
    education = experiment.education
    return {
        "slug": experiment.slug,
        "title": experiment.title,
        "institution": _slug(experiment.institution),
        "education": (
            {"institution": education.institution.slug, "slug": education.slug}
            if education is not None
            else None
        ),
        "program": experiment.program.slug,
        "track": _slug(experiment.track),
        "phase": experiment.phase,
        "phase_entered_at": _iso(experiment.phase_entered_at),
        "decision": experiment.decision,
        "owner": person_ref(experiment.owner),
        "parent": _slug(experiment.parent),
        "concepts": [concept.slug for concept in experiment.concepts.all()],
        "summary": experiment.summary,
        "challenge": experiment.challenge,
        "hypothesis": experiment.hypothesis,
        "actions": experiment.actions,
        "findings": experiment.findings,
        "conceptualisable_elements": experiment.conceptualisable_elements,
        "attention_points": experiment.attention_points,
        "concept_phases": experiment.concept_phases,
        "links": experiment.links,
        "start_date": _iso(experiment.start_date),
        "end_date": _iso(experiment.end_date),
        "registered_challenge": experiment.registered_challenge,
        "registered_hypothesis": experiment.registered_hypothesis,
        "registered_at": _iso(experiment.registered_at),
        "team": [
            {"person": person_ref(m.user), "role": m.role} for m in experiment.memberships.all()
        ],
        "phase_history": [
            {
                "from": t.from_phase or None,
                "to": t.to_phase,
                "by": person_ref(t.by),
                "at": _iso(t.at),
                "note": t.note,
                "kind": t.kind,
                "decision": t.decision,
            }
            for t in experiment.transitions.all()
        ],
    }


def experiments_rows(chunk_size: int) -> Iterator[dict]:
    for experiment in experiments_queryset().iterator(chunk_size=chunk_size):
        yield experiment_row(experiment)


def nothing(chunk_size: int) -> Iterator[dict]:
    """A section whose app has no models yet (its issue replaces this)."""
    return iter(())


# (key, rows) in document order. Later issues replace `nothing` with their own rows.
EXPORT_SECTIONS: list[tuple[str, Callable[[int], Iterable[dict]]]] = [
    ("labs", labs_rows),
    ("programs", programs_rows),
    ("tracks", tracks_rows),
    ("institutions", institutions_rows),
    ("concepts", concepts_rows),
    ("experiments", experiments_rows),
    ("change_theories", nothing),
    ("bazar_events", nothing),
]


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
        for key, rows in EXPORT_SECTIONS:
            out.write(f',\n"{key}": [')
            n = 0
            for row in rows(chunk_size):
                out.write("\n" if n == 0 else ",\n")
                out.write(_dumps(row))
                n += 1
            out.write("\n]" if n else "]")
            counts[key] = n
        out.write("}\n")
    return counts

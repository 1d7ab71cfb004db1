"""Experiments as rows of the "labportal/1" document: every content field, phase,
phase_entered_at, decision, owner, parent, education {institution, slug}, dates, the
registered_* fields, team [{person, role}] and phase_history [{from, to, by, at, note, kind,
decision}]; other apps may add keys (`ROW_FIELDS`). Read per chunk, with the team and the
history prefetched per chunk (a constant number of queries per chunk).

Never exported: database ids, created_at/updated_at, the search index and the audit
history (django-simple-history rows).
"""

from collections.abc import Iterator, Sequence

from django.db.models import Prefetch

from labportal.portability import RowField, with_row_fields
from labportal.portability.fields import iso, person_ref, slug_of

from ..models import Experiment, PhaseTransition, TeamMembership


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
        )
        .order_by("slug")
    )


def experiment_row(experiment: Experiment) -> dict:
    education = experiment.education
    return {
        "slug": experiment.slug,
        "title": experiment.title,
        "institution": slug_of(experiment.institution),
        "education": (
            {"institution": education.institution.slug, "slug": education.slug}
            if education is not None
            else None
        ),
        "program": experiment.program.slug,
        "track": slug_of(experiment.track),
        "phase": experiment.phase,
        "phase_entered_at": iso(experiment.phase_entered_at),
        "decision": experiment.decision,
        "owner": person_ref(experiment.owner),
        "parent": slug_of(experiment.parent),
        "summary": experiment.summary,
        "challenge": experiment.challenge,
        "hypothesis": experiment.hypothesis,
        "actions": experiment.actions,
        "findings": experiment.findings,
        "conceptualisable_elements": experiment.conceptualisable_elements,
        "attention_points": experiment.attention_points,
        "concept_phases": experiment.concept_phases,
        "links": experiment.links,
        "start_date": iso(experiment.start_date),
        "end_date": iso(experiment.end_date),
        "registered_challenge": experiment.registered_challenge,
        "registered_hypothesis": experiment.registered_hypothesis,
        "registered_at": iso(experiment.registered_at),
        "team": [
            {"person": person_ref(m.user), "role": m.role} for m in experiment.memberships.all()
        ],
        "phase_history": [
            {
                "from": t.from_phase or None,
                "to": t.to_phase,
                "by": person_ref(t.by),
                "at": iso(t.at),
                "note": t.note,
                "kind": t.kind,
                "decision": t.decision,
            }
            for t in experiment.transitions.all()
        ],
    }


def experiments_rows(chunk_size: int, row_fields: Sequence[RowField] = ()) -> Iterator[dict]:
    queryset = experiments_queryset().prefetch_related(*(f.prefetch for f in row_fields))
    for experiment in queryset.iterator(chunk_size=chunk_size):
        yield with_row_fields(experiment_row(experiment), experiment, row_fields)

"""How many experiments each filter option leads to: "Relationsbaseret ledelse (12)".

An option counts what the list would show with it chosen in place of its filter's current
value, the other filters and the search kept (the way Decidim and OSF count): choosing a
track still shows what the other tracks hold.

One query, however many options there are: a UNION ALL of
- the experiments grouped by their combination of lab, program, track, institution and
  phase (the concept filter and the search applied), as many rows as there are combinations
  in use, bounded by the organisation and not by the number of experiments; a combination
  counts for an option of a filter when it meets every other filter, summed in Python;
- the concept links grouped by concept, every filter but the concept's applied (an
  experiment can feed several concepts, so concepts are not part of the combinations).

With a search whose matches are too many to list (its count says "more than"), there are
no counts: they would count only the matches the search ranked.
"""

from collections import Counter

from django.db.models import CharField, Count, IntegerField, Q, Subquery, Value

from .filters import Filtering
from .models import Experiment
from .search import match_scope

# Filters with one value per experiment, and the column holding it.
COMBINED = {
    "lab": "program__lab",
    "program": "program",
    "track": "track",
    "institution": "institution",
    "phase": "phase",
}

Counts = dict[str, dict[str, int]]  # filter -> option value (slug or phase) -> experiments


def facet_counts(filtering: Filtering, search_scope=None) -> Counts | None:
    """The counts per option of every filter, or None for a search with too many matches.

    `search_scope` is the search's matches as a filter when the search ran without filters
    (they are then the same); otherwise the matches are looked up here, in one more query.
    """
    scope = Q()
    if filtering.q:
        if search_scope is None or filtering.selected:
            search_scope = match_scope(Experiment, filtering.q)
        if search_scope is None:
            return None
        scope = search_scope
    filterset = filtering.filterset
    chosen = {
        name: filterset.filters[name].ids.get(value) if name != "phase" else value
        for name, value in filtering.selected.items()
    }
    counts = {name: Counter() for name in (*COMBINED, "concept")}
    for *combination, count in _rows(filtering, scope):
        if combination[-1] is None:  # a concept's row: its id, then no phase
            counts["concept"][combination[0]] += count
            continue
        values = dict(zip(COMBINED, combination, strict=True))
        missed = [name for name in chosen if name in COMBINED and values[name] != chosen[name]]
        if len(missed) > 1:
            continue  # shown for no option: two filters would have to change
        for name in missed or COMBINED:  # meets all filters: counts for its value of each
            counts[name][values[name]] += count
    return _by_option(filterset, counts)


def _rows(filtering: Filtering, scope):
    """(lab, program, track, institution, phase, count) per combination, then
    (concept, None, None, None, None, count) per concept."""
    filterset = filtering.filterset
    selected = filtering.selected
    experiments = Experiment.objects.order_by().filter(scope)
    combinations = experiments
    if "concept" in selected:
        combinations = filterset.filters["concept"].filter(combinations, selected["concept"])
    for_concepts = experiments
    for name, value in selected.items():
        if name != "concept":
            for_concepts = filterset.filters[name].filter(for_concepts, value)
    links = Experiment.concepts.through.objects.filter(
        experiment__in=Subquery(for_concepts.values("pk"))
    )
    no_id, no_phase = Value(None, IntegerField()), Value(None, CharField())
    concept_rows = links.values_list("concept", no_id, no_id, no_id, no_phase)
    return (
        combinations.values_list(*COMBINED.values())
        .annotate(count=Count("pk"))
        .union(concept_rows.annotate(count=Count("pk")), all=True)
    )


def _by_option(filterset, counts: dict[str, Counter]) -> Counts:
    """The counts keyed as the selects' options are: by slug, by phase value."""
    by_option: Counts = {"phase": dict(counts["phase"])}
    for name, counter in counts.items():
        if name != "phase":
            by_option[name] = {
                slug: counter[pk] for slug, pk in filterset.filters[name].ids.items()
            }
    return by_option

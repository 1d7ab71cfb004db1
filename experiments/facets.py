"""How many experiments each filter option leads to: "Relationsbaseret ledelse (12)".

An option counts what the list would show with it chosen in place of its filter's current
value, the other filters and the search kept (the way Decidim and OSF count): choosing a
track still shows what the other tracks hold.

One query, however many options there are: a UNION ALL of
- the experiments grouped by their combination of program, track, institution and phase
  (the concept filter and the search applied): as many rows as there are combinations in
  use, bounded by the organisation and not by the number of experiments, read from an
  index of those columns alone; a combination counts for an option of a filter when it
  meets every other filter, summed in Python;
- each program's lab (joining the labs to every experiment took twice as long);
- the concept links grouped by concept, every filter but the concept's applied (an
  experiment can feed several concepts, so concepts are not part of the combinations).

With a search whose matches are too many to list (its count says "more than"), there are
no counts: they would count only the matches the search ranked.
"""

from collections import Counter

from django.db.models import CharField, Count, IntegerField, Q, Subquery, Value

from labportal.organisation.models import Program

from .filters import Filtering
from .models import Experiment
from .search import SearchResults, match_scope

# Filters with one value per experiment (a program belongs to one lab).
COMBINED = ("lab", "program", "track", "institution", "phase")

Counts = dict[str, dict[str, int]]  # filter -> option value (slug or phase) -> experiments
COMBINATION, PROGRAM, CONCEPT = "c", "p", "k"  # the kinds of row _rows() returns


def facet_counts(filtering: Filtering, search: SearchResults | None = None) -> Counts | None:
    """The counts per option of every filter, or None for a search with too many matches.

    `search` is the list's own search: without filters its matches are the ones to count;
    with filters the matches without them are looked up here, in one more query.
    """
    scope = Q()
    if filtering.q:
        if search is None or filtering.selected:
            scope = match_scope(Experiment, filtering.q)
        else:
            scope = search.scope
        if scope is None:
            return None
    filterset = filtering.filterset
    chosen = {
        name: filterset.filters[name].ids.get(value) if name != "phase" else value
        for name, value in filtering.selected.items()
        if name != "concept"
    }
    counts = {name: Counter() for name in (*COMBINED, "concept")}
    combinations, lab_of = [], {}
    for kind, first, second, institution, phase, count in _rows(filtering, scope):
        if kind == CONCEPT:
            counts["concept"][first] += count
        elif kind == PROGRAM:
            lab_of[first] = second
        else:
            combinations.append(((first, second, institution, phase), count))
    for (program, track, institution, phase), count in combinations:
        row = (lab_of.get(program), program, track, institution, phase)
        values = dict(zip(COMBINED, row, strict=True))
        missed = [name for name, value in chosen.items() if values[name] != value]
        if len(missed) > 1:
            continue  # shown for no option: two filters would have to change
        for name in missed or COMBINED:  # meets all filters: counts for its value of each
            counts[name][values[name]] += count
    return _by_option(filterset, counts)


def _rows(filtering: Filtering, scope):
    """(kind, …, count) rows: per combination (COMBINATION, program, track, institution,
    phase, count), per program (PROGRAM, program, lab, None, None, 0) and per concept
    (CONCEPT, concept, None, None, None, count)."""
    filterset = filtering.filterset
    selected = filtering.selected
    experiments = Experiment.objects.order_by().filter(scope)
    combinations = experiments
    if "concept" in selected:
        combinations = filterset.filters["concept"].filter(combinations, selected["concept"])
    links = Experiment.concepts.through.objects.order_by()
    for_concepts = experiments
    for name, value in selected.items():
        if name != "concept":
            for_concepts = filterset.filters[name].filter(for_concepts, value)
    if for_concepts.query.has_filters():
        links = links.filter(experiment__in=Subquery(for_concepts.values("pk")))
    no_id, no_phase, zero = Value(None, IntegerField()), Value(None, CharField()), Value(0)
    return (
        combinations.values_list(Value(COMBINATION), "program", "track", "institution", "phase")
        .annotate(count=Count("*"))
        .union(
            Program.objects.order_by().values_list(
                Value(PROGRAM), "pk", "lab", no_id, no_phase, zero
            ),
            links.values_list(Value(CONCEPT), "concept", no_id, no_id, no_phase).annotate(
                count=Count("*")
            ),
            all=True,
        )
    )


def _by_option(filterset, counts: dict[str, Counter]) -> Counts:
    """The counts keyed as the selects' options are: by slug, by phase value."""
    by_option: Counts = {"phase": dict(counts["phase"])}
    for name, counter in counts.items():
        if name != "phase":
            ids = filterset.filters[name].ids
            by_option[name] = {slug: counter[pk] for slug, pk in ids.items()}
    return by_option

"""How many experiments each filter option leads to: "Relationsbaseret ledelse (12)".

An option counts what the list would show with it chosen in place of its filter's current
value, the other filters and the search kept (the way Decidim and OSF count): choosing a
track still shows what the other tracks hold.

All options come from one query (a UNION ALL), whatever the filters, of rows bounded by the
organisation and not by the number of experiments:
- the experiments grouped by their combination of program, track, institution and phase,
  read from an index of those columns alone;
- the same per concept they feed (an experiment can feed several concepts);
- each program's lab (joining the labs to every experiment took twice as long).
A combination counts for an option of a filter when it meets every other filter; that is
summed in Python. Without a search the rows are the same for every choice of filters, so
they are kept in the fragment cache until an experiment, a concept's sources or the
organisation changes: a list with new filters asks nothing for its counts.

With a search whose matches are too many to list (its count says "more than"), there are
no counts: they would count only the matches the search ranked.
"""

from collections import Counter

from django.db.models import CharField, Count, IntegerField, Q, QuerySet, Subquery, Value

from labportal.core import fragments
from labportal.organisation.models import Program

from .filters import Filtering
from .models import Experiment
from .search import SearchResults, match_scope

# Filters with one value per experiment (a program belongs to one lab).
COMBINED = ("lab", "program", "track", "institution", "phase")

Counts = dict[str, dict[str, int]]  # filter -> option value (slug or phase) -> experiments
COMBINATION, CONCEPT, PROGRAM = "c", "k", "p"  # the kinds of row _rows() returns


def facet_counts(filtering: Filtering, search: SearchResults | None = None) -> Counts | None:
    """The counts per option of every filter, or None for a search with too many matches.

    `search` is the list's own search: without filters its matches are the ones to count;
    with filters the matches without them are looked up here, in one more query.
    """
    if not filtering.q:
        rows = fragments.cached("experiment-facet-rows", build=lambda: list(_rows(Q())))
    else:
        if search is not None and not filtering.selected:
            scope = search.scope
        else:
            scope = match_scope(Experiment, filtering.q)
        if scope is None:
            return None
        rows = list(_rows(scope))
    filterset = filtering.filterset
    chosen = {
        name: filterset.filters[name].ids.get(value) if name != "phase" else value
        for name, value in filtering.selected.items()
    }
    concept = chosen.pop("concept", None)
    counts = {name: Counter() for name in (*COMBINED, "concept")}
    lab_of = {program: lab for kind, lab, program, *_rest in rows if kind == PROGRAM}
    for kind, key, program, track, institution, phase, count in rows:
        if kind == PROGRAM:
            continue
        row = (lab_of.get(program), program, track, institution, phase)
        values = dict(zip(COMBINED, row, strict=True))
        missed = [name for name, value in chosen.items() if values[name] != value]
        if kind == CONCEPT and not missed:
            counts["concept"][key] += count  # meets every filter but the concept's
        if (kind == CONCEPT and key == concept) or (kind == COMBINATION and concept is None):
            if len(missed) > 1:
                continue  # shown for no option: two filters would have to change
            for name in missed or COMBINED:  # meets all filters: counts for its value of each
                counts[name][values[name]] += count
    return _by_option(filterset, counts)


def _rows(scope) -> QuerySet:
    """(kind, key, program, track, institution, phase, count) rows: per combination
    (COMBINATION, None, …), per concept and combination (CONCEPT, concept, …) and per
    program (PROGRAM, lab, program, None, None, None, 0)."""
    combination = ("program", "track", "institution", "phase")
    links = Experiment.concepts.through.objects.order_by()
    if scope:
        links = links.filter(experiment__in=Subquery(Experiment.objects.filter(scope).values("pk")))
    no_id, no_phase = Value(None, IntegerField()), Value(None, CharField())
    return (
        Experiment.objects.order_by()
        .filter(scope)
        .values_list(Value(COMBINATION), no_id, *combination)
        .annotate(count=Count("*"))
        .union(
            links.values_list(
                Value(CONCEPT), "concept", *(f"experiment__{name}" for name in combination)
            ).annotate(count=Count("*")),
            Program.objects.order_by().values_list(
                Value(PROGRAM), "lab", "pk", no_id, no_id, no_phase, Value(0)
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

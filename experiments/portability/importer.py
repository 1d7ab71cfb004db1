"""Experiments with their team and phase history, imported chunk by chunk.

Per chunk: one query finds the experiments that exist, a few bulk statements create or
update them (with django-simple-history records, change reason "import"), and the team and
history of the chunk are synchronised in bulk; an experiment's team becomes exactly what
the file lists, and history is only added to (an entry already there for the same time,
target phase and kind is skipped). Parents, which may come later in the file, are settled
at the end. The experiments of the file are left in `ctx.refs["experiments"]` (slug → id).
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from labportal.core.updating import model_update
from labportal.portability import PortabilityError
from labportal.portability.fields import Item, where_of

from ..enums import PHASE_ORDER, Decision, Phase, TransitionKind
from ..models import (
    LIMITED_TEXT_FIELDS,
    LIST_ITEM_MAX_LENGTH,
    LIST_MAX_ITEMS,
    NOTE_MAX_LENGTH,
    SECTION_MAX_LENGTH,
    Experiment,
    PhaseTransition,
    TeamMembership,
)
from ..transitions import transitions_record

TEXT_FIELDS = LIMITED_TEXT_FIELDS  # every long text field is limited
LIST_FIELDS = ("actions", "findings", "attention_points", "concept_phases")
CHANGE_REASON = "import"


def chunked(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class Row:
    slug: str
    values: dict
    owner: str | None
    parent: str | None
    entered_at: dt.datetime | None
    team: dict[str, str] = field(default_factory=dict)  # person → role
    history: list[dict] = field(default_factory=list)

    def people(self) -> Iterator[str | None]:
        yield self.owner
        yield from self.team
        yield from (entry["by"] for entry in self.history)


def infer_kind(from_phase: str, to_phase: str, decision: str) -> str:
    if not from_phase:
        return TransitionKind.CREATED
    if decision:
        return TransitionKind.DECISION
    if (from_phase, to_phase) == (Phase.PRE, Phase.DESIGN):
        return TransitionKind.LAUNCH
    if PHASE_ORDER.index(Phase(to_phase)) < PHASE_ORDER.index(Phase(from_phase)):
        return TransitionKind.BACK
    return TransitionKind.FORWARD


class ExperimentImport:
    def __init__(self, ctx):
        self.ctx = ctx
        self.seen: set[str] = set()
        self.parents: list[tuple[str, str]] = []  # (experiment, parent)

    def parse(self, item: Item) -> Row:
        ctx = self.ctx
        slug = item.slug("slug", required=True)
        if slug in self.seen:
            raise item.error(_("the slug %(slug)r appears twice.") % {"slug": slug})
        self.seen.add(slug)
        track = ctx.ref(item, "track", "tracks", _("track"))
        values = {
            "title": item.text("title", required=True, max_length=200),
            "institution_id": ctx.ref(item, "institution", "institutions", _("institution")),
            "education_id": self.education(item),
            "program_id": ctx.ref(item, "program", "programs", _("program"), required=True),
            "track_id": track[0] if track else None,
            "phase": item.choice("phase", Phase, required=True),
            "decision": item.choice("decision", Decision),
            "start_date": item.date("start_date"),
            "end_date": item.date("end_date"),
            "registered_at": item.datetime("registered_at"),
            "links": item.json_list("links"),
        }
        if (
            values["start_date"]
            and values["end_date"]
            and values["end_date"] < values["start_date"]
        ):
            raise item.error(_("'end_date' is before 'start_date'."))
        values.update(
            {name: item.text(name, max_length=SECTION_MAX_LENGTH) for name in TEXT_FIELDS}
        )
        values.update(
            {
                name: item.texts(name, max_items=LIST_MAX_ITEMS, max_length=LIST_ITEM_MAX_LENGTH)
                for name in LIST_FIELDS
            }
        )
        parent = item.slug("parent")
        if parent == slug:
            raise item.error(_("an experiment cannot be an iteration of itself."))
        row = Row(
            slug=slug,
            values=values,
            owner=item.person("owner"),
            parent=parent,
            entered_at=item.datetime("phase_entered_at"),
        )
        for member in item.items("team"):
            person = member.person("person")
            if person is None:
                raise member.error(_("the key 'person' is missing or empty."))
            if person in row.team:
                raise member.error(_("%(person)r is listed twice.") % {"person": person})
            row.team[person] = member.text("role", max_length=120)
        row.history = [self.transition(entry) for entry in item.items("phase_history")]
        if row.entered_at is None:
            arrivals = [e["at"] for e in row.history if e["to_phase"] == values["phase"]]
            row.entered_at = max(arrivals) if arrivals else None
        return row

    def education(self, item: Item) -> int | None:
        education = item.item("education")
        if education is None:
            return None
        key = (education.slug("institution", required=True), education.slug("slug", required=True))
        educations = self.ctx.refs.get("educations", {})
        if key not in educations:
            raise education.error(_("unknown education %(key)s.") % {"key": "/".join(key)})
        return educations[key]

    def transition(self, entry: Item) -> dict:
        to_phase = entry.choice("to", Phase, required=True)
        from_phase = entry.choice("from", Phase)
        decision = entry.choice("decision", Decision)
        return {
            "from_phase": from_phase,
            "to_phase": to_phase,
            "kind": entry.choice("kind", TransitionKind)
            or infer_kind(from_phase, to_phase, decision),
            "decision": decision,
            "by": entry.person("by"),
            "at": entry.datetime("at", required=True),
            "note": entry.text("note", required=True, max_length=NOTE_MAX_LENGTH),
        }

    def write(self, rows: list[Row]) -> None:
        ctx, people = self.ctx, self.ctx.people
        people.resolve(ref for row in rows for ref in row.people())
        existing = {
            e.slug: e
            for e in Experiment.objects.filter(slug__in=[r.slug for r in rows]).defer(
                "search_vector"
            )
        }
        to_create, to_update, fields = [], [], set()
        now = timezone.now()
        for row in rows:
            values = {**row.values, "owner_id": people.id(row.owner)}
            if row.parent is None:
                values["parent_id"] = None
            else:
                self.parents.append((row.slug, row.parent))
            experiment = existing.get(row.slug)
            if experiment is None:
                to_create.append(Experiment(slug=row.slug, **values))
                continue
            if row.entered_at is not None:
                values["phase_entered_at"] = row.entered_at
            changed = model_update(experiment, values, save=False)
            if not changed:
                ctx.report.count("experiments", "unchanged")
                continue
            experiment.updated_at = now
            fields.update(changed, ["updated_at"])
            to_update.append(experiment)
        if to_create:
            bulk_create_with_history(to_create, Experiment, default_change_reason=CHANGE_REASON)
            entered = {row.slug: row.entered_at for row in rows if row.entered_at is not None}
            restored = [e for e in to_create if e.slug in entered]
            for experiment in restored:
                experiment.phase_entered_at = entered[experiment.slug]
            Experiment.objects.bulk_update(restored, ["phase_entered_at"])
        if to_update:
            bulk_update_with_history(
                to_update, Experiment, sorted(fields), default_change_reason=CHANGE_REASON
            )
        ctx.report.count("experiments", "created", len(to_create))
        ctx.report.count("experiments", "updated", len(to_update))
        ids = {e.slug: e.pk for e in [*existing.values(), *to_create]}
        ctx.refs.setdefault("experiments", {}).update(ids)
        self.sync_team(rows, ids)
        self.add_history(rows, ids)

    def sync_team(self, rows: list[Row], ids: dict[str, int]) -> None:
        people = self.ctx.people
        wanted = {
            (ids[row.slug], people.id(person)): role
            for row in rows
            for person, role in row.team.items()
        }
        stale, to_update = [], []
        for membership in TeamMembership.objects.filter(experiment_id__in=ids.values()):
            key = (membership.experiment_id, membership.user_id)
            if key not in wanted:
                stale.append(membership.pk)
                continue
            role = wanted.pop(key)
            if role != membership.role:
                membership.role = role
                to_update.append(membership)
        TeamMembership.objects.filter(pk__in=stale).delete()
        TeamMembership.objects.bulk_update(to_update, ["role"])
        TeamMembership.objects.bulk_create(
            TeamMembership(experiment_id=e, user_id=u, role=role) for (e, u), role in wanted.items()
        )
        report = self.ctx.report
        report.count("team memberships", "added", len(wanted))
        report.count("team memberships", "removed", len(stale))
        report.count("team memberships", "updated", len(to_update))

    def add_history(self, rows: list[Row], ids: dict[str, int]) -> None:
        people = self.ctx.people
        known = set(
            PhaseTransition.objects.filter(experiment_id__in=ids.values()).values_list(
                "experiment_id", "at", "to_phase", "kind"
            )
        )
        new = []
        for row in rows:
            experiment_id = ids[row.slug]
            for entry in row.history:
                key = (experiment_id, entry["at"], entry["to_phase"], entry["kind"])
                if key in known:
                    continue
                known.add(key)
                move = {k: v for k, v in entry.items() if k != "by"}
                new.append({"experiment_id": experiment_id, "by_id": people.id(entry["by"])} | move)
        transitions_record(new)
        self.ctx.report.count("phase history entries", "added", len(new))

    def finish(self) -> None:
        """Settle parents (which may have come after their iterations), then refuse a cycle."""
        settled: list[int] = []
        for chunk in chunked(self.parents, 1000):
            slugs = {slug for pair in chunk for slug in pair}
            found = {
                slug: (pk, parent_id)
                for pk, slug, parent_id in Experiment.objects.filter(slug__in=slugs).values_list(
                    "pk", "slug", "parent_id"
                )
            }
            to_update = []
            for slug, parent in chunk:
                if parent not in found:
                    raise self._unknown_experiment(slug, "parent", parent)
                pk, parent_id = found[slug]
                settled.append(pk)
                if parent_id != found[parent][0]:
                    to_update.append(Experiment(pk=pk, parent_id=found[parent][0]))
            Experiment.objects.bulk_update(to_update, ["parent_id"])
        cycles = parent_cycles(settled)
        if cycles:
            raise PortabilityError(
                _(
                    "experiments: the parents form a cycle (%(cycles)s); an experiment cannot be "
                    "an iteration of itself or of its own iterations."
                )
                % {"cycles": "; ".join(" → ".join([*cycle, cycle[0]]) for cycle in cycles)}
            )

    def _unknown_experiment(self, slug: str, key: str, other: str):
        where = f'experiments "{slug}"'
        return PortabilityError(
            _("%(where)s: %(key)r refers to the unknown experiment %(other)r.")
            % {"where": where, "key": key, "other": other}
        )


# From each start, follow the parent links (as stored now, in the import's transaction) until
# a link leads back to an experiment already on the path; a path that returns to its start is
# a cycle through that start.
_CYCLES_SQL = """
WITH RECURSIVE walk(start_id, next_id, path) AS (
    SELECT id, parent_id, ARRAY[id] FROM {table}
    WHERE id = ANY(%s) AND parent_id IS NOT NULL
  UNION ALL
    SELECT walk.start_id, e.parent_id, walk.path || e.id
    FROM walk JOIN {table} e ON e.id = walk.next_id
    WHERE walk.next_id <> walk.start_id AND e.parent_id IS NOT NULL
      AND NOT e.id = ANY(walk.path)
)
SELECT path FROM walk WHERE next_id = start_id
"""


def parent_cycles(starts: list[int], *, limit: int = 5) -> list[list[str]]:
    """The cycles of parent links through any of `starts`, each as slugs starting at its
    alphabetically first one; at most `limit` of them. Two queries, whatever the depth."""
    if not starts:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_CYCLES_SQL.format(table=Experiment._meta.db_table), [starts])
            paths = [path for (path,) in cursor.fetchall()]
    else:
        paths = _cycle_paths_in_python(starts)
    if not paths:
        return []
    slugs = dict(
        Experiment.objects.filter(pk__in={pk for path in paths for pk in path}).values_list(
            "pk", "slug"
        )
    )
    cycles = set()
    for path in paths:
        names = [slugs[pk] for pk in path]
        first = names.index(min(names))
        cycles.add(tuple(names[first:] + names[:first]))
    return [list(cycle) for cycle in sorted(cycles)[:limit]]


def _cycle_paths_in_python(starts: list[int]) -> list[list[int]]:
    """The same walk for SQLite (the embedded demo's database): the links read in one query."""
    parents = dict(Experiment.objects.filter(parent__isnull=False).values_list("pk", "parent_id"))
    paths = []
    for start in starts:
        path, following = [start], parents.get(start)
        while following is not None and following != start and following not in path:
            path.append(following)
            following = parents.get(following)
        if following == start:
            paths.append(path)
    return paths


def import_experiments(ctx, source) -> None:
    importer = ExperimentImport(ctx)
    items = (
        Item(data, where_of("experiments", index, data))
        for index, data in enumerate(source.items("experiments"))
    )
    for chunk in chunked(items, ctx.chunk_size):
        importer.write([importer.parse(item) for item in chunk])
    importer.finish()

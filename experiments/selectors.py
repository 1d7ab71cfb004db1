"""The reads experiment pages and the dashboard need, with their joins in one place."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models import Value as V
from django.shortcuts import get_object_or_404
from django.utils import timezone

from labportal.accounts.models import User
from labportal.core import fragments
from labportal.organisation.models import DevelopmentLab, Institution, Program, Track

from . import rules as wheel_rules
from .enums import PHASE_ORDER, Phase
from .models import Experiment, PhaseTransition, TeamMembership

# Fields whose edits are shown in the edit history (the wheel has its own timeline).
HISTORY_EXCLUDED = {"registered_challenge", "registered_hypothesis", "registered_at"}
HISTORY_LIMIT = 100


def experiment_detail_queryset():
    """The experiment with everything its page shows, in a constant number of queries.

    Left out on purpose: search_vector (~2.4 kB of tsvector text per row, for the database's
    search only), and a join to the parent experiment: each extra join of this row costs
    PostgreSQL ~0.3-0.6 ms of planning per page, so the parent (a link when the experiment is
    an iteration) comes as two scalar subqueries on its primary key. Concepts and later
    iterations are rare: EXISTS flags say whether `experiment_links` needs to fetch them.
    """
    parent = Experiment.objects.filter(pk=OuterRef("parent_id"))
    return (
        Experiment.objects.select_related("institution", "education", "program", "track", "owner")
        # The page's shared parts keep this object in the cache: no password hashes there.
        .defer("search_vector", "owner__password")
        .annotate(
            parent_slug=Subquery(parent.values("slug")[:1]),
            parent_title=Subquery(parent.values("title")[:1]),
            has_concepts=Exists(
                Experiment.concepts.through.objects.filter(experiment_id=OuterRef("pk"))
            ),
            has_iterations=Exists(Experiment.objects.filter(parent_id=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.select_related("user")
                .defer("user__password")
                .order_by("user__first_name", "user__last_name", "user__username"),
            ),
            Prefetch(
                "transitions",
                queryset=PhaseTransition.objects.select_related("by")
                .defer("by__password")
                .order_by("-at", "-pk"),
            ),
        )
    )


def experiment_links(experiment: Experiment) -> tuple[list, list]:
    """The concepts the experiment contributed to and its later iterations (a query each, only
    when the flags of experiment_detail_queryset say there are any)."""
    concepts = iterations = []
    if getattr(experiment, "has_concepts", True):
        concepts = list(published_concepts(experiment))
    if getattr(experiment, "has_iterations", True):
        iterations = list(experiment.iterations.only("slug", "title", "phase", "parent"))
    return concepts, iterations


def published_concepts(experiment: Experiment):
    """The concepts the experiment fed that every reader may see (the page's shared part reads
    the same for everyone): published, or with a published version not withdrawn. Drafts and
    concepts in review are left out, also for their authors."""
    return experiment.concepts.readable().only("slug", "title").order_by("title")


def experiment_or_404(slug: str, *, queryset=None) -> Experiment:
    return get_object_or_404(
        queryset if queryset is not None else experiment_detail_queryset(), slug=slug
    )


def ensure_can_view(user: User, experiment: Experiment) -> None:
    if not user.has_perm("experiments.view", experiment):
        raise PermissionDenied


def experiment_for_user(user: User, slug: str, *, queryset=None) -> Experiment:
    """The one way pages fetch an experiment: 404 when unknown, 403 when not readable."""
    experiment = experiment_or_404(slug, queryset=queryset)
    ensure_can_view(user, experiment)
    return experiment


def experiment_created_by_submission(submission) -> Experiment | None:
    """The experiment a new-experiment form's one-time token created, if it was sent before."""
    if submission is None:
        return None
    return Experiment.objects.filter(created_by_submission=submission).first()


def experiment_for_action(user: User, slug: str) -> Experiment:
    """A lean fetch for POST actions (the service locks and re-reads the row)."""
    return experiment_for_user(user, slug, queryset=Experiment.objects.all())


# --- edit history -------------------------------------------------------------------------


def experiment_for_history(user: User, slug: str) -> Experiment:
    """A lean fetch for the edit-history page: 404 when unknown, 403 unless the person may see
    the history (team, strategic level, administrators). The team's ids come in one query."""
    queryset = Experiment.objects.only("pk", "slug", "title", "owner_id").prefetch_related(
        Prefetch("memberships", queryset=TeamMembership.objects.only("pk", "experiment", "user"))
    )
    experiment = experiment_for_user(user, slug, queryset=queryset)
    if not user.has_perm("experiments.view_history", experiment):
        raise PermissionDenied
    return experiment


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Edit:
    by: User | None
    at: datetime
    changes: list[FieldChange]


RELATED_MODELS = {
    "program": Program,
    "track": Track,
    "institution": Institution,
    "owner": User,
    "parent": Experiment,
}


def _display(field, value, names: dict) -> str:
    if value in (None, "", []):
        return ""
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if field.is_relation:
        return names.get((field.name, value), f"#{value}")
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value)


def experiment_changes(experiment: Experiment) -> list[Edit]:
    """Every edit of the experiment from simple-history: who, when, field, old and new.

    Newest first. Runs one query for the records and at most one per kind of related object
    that changed (program, track, ...), whatever the number of edits.
    """
    records = list(
        experiment.history.select_related("history_user").order_by("-history_date", "-pk")[
            : HISTORY_LIMIT + 1
        ]
    )
    records.reverse()
    deltas = []
    for old, new in pairwise(records):
        delta = new.diff_against(old, excluded_fields=HISTORY_EXCLUDED)
        if delta.changes:
            deltas.append((new, delta.changes))
    wanted: dict[str, set] = {}
    for _record, changes in deltas:
        for change in changes:
            if change.field in RELATED_MODELS:
                wanted.setdefault(change.field, set()).update(
                    v for v in (change.old, change.new) if v is not None
                )
    names = {}
    for field_name, pks in wanted.items():
        for obj in RELATED_MODELS[field_name]._default_manager.filter(pk__in=pks):
            names[(field_name, obj.pk)] = str(obj)
    edits = []
    for record, changes in reversed(deltas):
        items = []
        for change in changes:
            field = Experiment._meta.get_field(change.field)
            items.append(
                FieldChange(
                    field=change.field,
                    label=str(field.verbose_name),
                    old=_display(field, change.old, names),
                    new=_display(field, change.new, names),
                )
            )
        edits.append(Edit(by=record.history_user, at=record.history_date, changes=items))
    return edits


# --- dashboard ----------------------------------------------------------------------------

TEAM_PHASES = (Phase.DESIGN, Phase.ACTION, Phase.ANALYSIS, Phase.CONCEPT)


def _card_queryset():
    return Experiment.objects.select_related("track", "institution").only(
        "slug",
        "title",
        "phase",
        "phase_entered_at",
        "decision",
        "updated_at",
        "track__title",
        "track__slug",
        "institution__name",
        "institution__slug",
    )


def experiments_of_user(user: User, *, limit: int = 20) -> list[Experiment]:
    """Experiments the person is on the team of or owns, most recently changed first.

    The ids come from a UNION of index lookups (an OR of the two would make PostgreSQL read
    every experiment: 20 ms at 10,000)."""
    # No ordering inside a compound statement (SQLite refuses it; the models order by default).
    team = TeamMembership.objects.filter(user=user).order_by().values("experiment_id")
    owned = Experiment.objects.filter(owner=user).order_by().values("pk")
    return list(_card_queryset().filter(pk__in=team.union(owned)).order_by("-updated_at")[:limit])


def experiments_awaiting_user(user: User, *, limit: int = 20) -> list[Experiment]:
    """Experiments in a phase where this person must act.

    The team acts in design, action, analysis and conceptualisation. The strategic level acts
    on the experiments it owns (directly or through their track or program): launching them
    from the pre-phase, in conceptualisation, and deciding in implementation.
    """
    team = TeamMembership.objects.filter(user=user).order_by().values("experiment_id")
    ids = Experiment.objects.filter(pk__in=team, phase__in=TEAM_PHASES).order_by().values("pk")
    if wheel_rules.is_strategic(user):
        # As in experiments_of_user: a UNION of index lookups, not an OR over every row.
        deciding = Q(phase__in=(Phase.PRE, Phase.CONCEPT)) | Q(
            phase=Phase.IMPLEMENTATION, decision=""
        )
        owned = [
            Experiment.objects.filter(deciding, **{field: user}).order_by().values("pk")
            for field in ("owner", "track__owner", "program__owner")
        ]
        ids = ids.union(*owned)
    return list(_card_queryset().filter(pk__in=ids).order_by("phase_entered_at")[:limit])


@dataclass
class PortfolioCell:
    count: int = 0
    average_days: int | None = None
    longest_days: int | None = None


@dataclass
class PortfolioRow:
    track_title: str | None
    track_slug: str | None
    cells: list[PortfolioCell]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)


def _duration(value) -> timedelta:
    if isinstance(value, timedelta):
        return value
    return timedelta(microseconds=float(value))  # SQLite may hand back microseconds


def _days(value) -> int | None:
    if value is None:
        return None
    if not isinstance(value, timedelta):  # SQLite may hand back microseconds
        value = timedelta(microseconds=float(value))
    return max(int(value.total_seconds() // 86400), 0)


# Arrivals in a phase are averaged as their distance from this fixed moment, so that the
# aggregate does not depend on the time it is read (the times in phase are reckoned from it).
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def portfolio_stats() -> list[dict]:
    """Per track and phase: the count, the mean arrival in the phase and the earliest one.
    One aggregate query over every experiment."""
    since_epoch = ExpressionWrapper(F("phase_entered_at") - V(EPOCH), output_field=DurationField())
    rows = (
        Experiment.objects.order_by()
        .values("track__title", "track__slug", "phase")
        .annotate(n=Count("pk"), mean=Avg(since_epoch), first=Min("phase_entered_at"))
    )
    return [
        {**row, "mean": EPOCH + _duration(row["mean"]) if row["mean"] is not None else None}
        for row in rows
    ]


def portfolio(*, now: datetime | None = None) -> list[PortfolioRow]:
    """Per track and phase: how many experiments and how long they have been there.

    The aggregate is kept in the fragment cache until an experiment (or a track) changes, so
    the dashboard costs the same whatever the number of experiments; the times in phase are
    reckoned from it at each reading. Rows follow the tracks' titles; experiments without a
    track last.
    """
    now = now or timezone.now()
    by_track: dict[tuple, PortfolioRow] = {}
    for row in fragments.cached("portfolio-stats", build=portfolio_stats):
        key = (row["track__title"], row["track__slug"])
        if key not in by_track:
            by_track[key] = PortfolioRow(
                track_title=key[0],
                track_slug=key[1],
                cells=[PortfolioCell() for _phase in PHASE_ORDER],
            )
        cell = by_track[key].cells[PHASE_ORDER.index(Phase(row["phase"]))]
        cell.count = row["n"]
        cell.average_days = _days(now - row["mean"]) if row["mean"] else None
        cell.longest_days = _days(now - row["first"]) if row["first"] else None
    return sorted(by_track.values(), key=lambda r: (r.track_title is None, r.track_title or ""))


# --- the list's filters -------------------------------------------------------------------


def experiment_filter_choices() -> dict[str, list[tuple[str, str, int]]]:
    """The list filters' choices, (slug, label, id) sorted by label, per filter but phase.

    One query, a UNION ALL over the short tables: five queries cost five round trips.
    Concepts come through the reverse relation: concepts depends on experiments, not back;
    only those every reader may see (the list is the same for everyone).
    """
    concepts = Experiment._meta.get_field("concepts").related_model
    sources = {
        "lab": (DevelopmentLab.objects.all(), "name"),
        "program": (Program.objects.all(), "title"),
        "track": (Track.objects.all(), "title"),
        "institution": (Institution.objects.all(), "name"),
        "concept": (concepts.objects.readable(), "title"),
    }
    first, *rest = (
        queryset.order_by().values_list("slug", label, "pk", V(name))
        for name, (queryset, label) in sources.items()
    )
    choices: dict[str, list[tuple[str, str, int]]] = {name: [] for name in sources}
    for slug, label, pk, name in first.union(*rest, all=True):
        choices[name].append((slug, label, pk))
    for options in choices.values():
        options.sort(key=lambda option: option[1].casefold())
    return choices

"""The reads the organisers' pages need besides selectors.py: the overview's counts, the
objects a POST names (each scoped to the event: another event's id is a 404), the
check-in search, the choices of the set-up forms and the booths' fact-sheet state. Each
runs a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from concepts.enums import PublicationKind
from concepts.models import Publication
from concepts.selectors_publications import latest_fact_sheets
from experiments.enums import Phase
from experiments.models import Experiment
from labportal.accounts.models import User
from labportal.jobs.models import Job
from labportal.organisation.models import Education

from .models import (
    Attendee,
    BazarEvent,
    Booth,
    InterestCard,
    PitchRound,
    PitchSlot,
    Theme,
    WorkingGroupMember,
)

CHECK_IN_LIMIT = 60
LATE_PHASES = (Phase.CONCEPT, Phase.IMPLEMENTATION)


def _count(queryset) -> Subquery:
    counted = queryset.order_by().values("event_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), 0)


@dataclass
class EventCounts:
    booths: int
    invited: int
    checked_in: int
    cards: int


def event_counts(event: BazarEvent) -> EventCounts:
    """Booths, attendees invited and checked in, and cards: one query."""
    outer = OuterRef("pk")
    cards = (
        InterestCard.objects.filter(booth__event_id=outer)
        .order_by()
        .values("booth__event_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    row = (
        BazarEvent.objects.filter(pk=event.pk)
        .annotate(
            n_booths=_count(Booth.objects.filter(event_id=outer)),
            n_invited=_count(Attendee.objects.filter(event_id=outer)),
            n_checked_in=_count(
                Attendee.objects.filter(event_id=outer, checked_in_at__isnull=False)
            ),
            n_cards=Coalesce(Subquery(cards[:1], output_field=IntegerField()), 0),
        )
        .values("n_booths", "n_invited", "n_checked_in", "n_cards")
        .get()
    )
    return EventCounts(
        booths=row["n_booths"],
        invited=row["n_invited"],
        checked_in=row["n_checked_in"],
        cards=row["n_cards"],
    )


# --- what a POST names, scoped to the event ------------------------------------------------


def booth_of_event(event: BazarEvent, booth_slug: str) -> Booth:
    """The event's booth with `hosts` loaded, or 404."""
    booths = event.booths.select_related("experiment", "theme").prefetch_related("hosts")
    booth = get_object_or_404(booths, slug=booth_slug)
    booth.event = event
    return booth


def member_of_event(event: BazarEvent, pk: int) -> WorkingGroupMember:
    member = get_object_or_404(event.working_group.select_related("user"), pk=pk)
    member.event = event
    return member


def theme_of_event(event: BazarEvent, pk: int) -> Theme:
    theme = get_object_or_404(event.themes.all(), pk=pk)
    theme.event = event
    return theme


def round_of_event(event: BazarEvent, pk: int) -> PitchRound:
    pitch_round = get_object_or_404(event.rounds.all(), pk=pk)
    pitch_round.event = event
    return pitch_round


def slot_of_event(event: BazarEvent, pk: int) -> PitchSlot:
    slot = get_object_or_404(
        PitchSlot.objects.select_related("round", "booth"), pk=pk, round__event=event
    )
    slot.round.event = event
    return slot


def attendee_of_event(event: BazarEvent, pk: int) -> Attendee:
    """The attendee with `user` and `education`, or 404 (another event's attendee too)."""
    return get_object_or_404(
        event.attendees.select_related("user", "education__institution"), pk=pk
    )


# --- check-in -----------------------------------------------------------------------------


def attendees_matching(event: BazarEvent, q: str, *, limit: int = CHECK_IN_LIMIT) -> list:
    """Attendees whose name, user name or e-mail contains every word of `q` (all when `q`
    is empty), by name, with `user` and `education`; at most `limit` (+1 to tell that
    there are more)."""
    attendees = event.attendees.select_related("user", "education__institution")
    for word in q.split()[:5]:
        attendees = attendees.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
            | Q(user__email__icontains=word)
        )
    return list(
        attendees.order_by("user__first_name", "user__last_name", "user__username")[: limit + 1]
    )


# --- choices of the set-up forms ----------------------------------------------------------


def active_people() -> QuerySet[User]:
    return User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")


def educations_of_event(event: BazarEvent) -> QuerySet[Education]:
    """The participating institutions' educations, by institution and name."""
    return (
        Education.objects.filter(institution__bazar_events=event)
        .select_related("institution")
        .order_by("institution__name", "name")
    )


def experiment_choices() -> QuerySet[Experiment]:
    """Every experiment, those in the conceptualisation phase or later first."""
    late = Case(
        When(phase__in=LATE_PHASES, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Experiment.objects.only("pk", "title", "phase")
        .annotate(late_first=late)
        .order_by("late_first", "title")
    )


# --- fact sheets --------------------------------------------------------------------------


@dataclass
class FactSheetState:
    """A booth experiment's fact sheet: the newest made one (or None) and the newest request
    not made yet (`pending`: waiting or being made; `failed`)."""

    made: Publication | None = None
    pending: Publication | None = None
    failed: Publication | None = None


def fact_sheet_states(booths: list[Booth]) -> dict[int, FactSheetState]:
    """The fact-sheet state per experiment id of the booths: two queries."""
    ids = {b.experiment_id for b in booths if b.experiment_id}
    if not ids:
        return {}
    states = {pk: FactSheetState() for pk in ids}
    for pk, publication in latest_fact_sheets(ids).items():
        states[pk].made = publication
    unmade = (
        Publication.objects.filter(kind=PublicationKind.FACT_SHEET, experiment_id__in=ids, pdf="")
        .filter(Q(job__state__in=Job.UNFINISHED) | Q(job__state=Job.State.FAILED))
        .select_related("job")
        .order_by("-requested_at", "-pk")
    )
    for publication in unmade:
        state = states[publication.experiment_id]
        if state.pending or state.failed:
            continue  # only the newest request counts
        if state.made and state.made.requested_at > publication.requested_at:
            continue  # a newer one was made since
        if publication.job.state == Job.State.FAILED:
            state.failed = publication
        else:
            state.pending = publication
    return states

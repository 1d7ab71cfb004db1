"""The reads bazar pages need, with their joins in one place. Each runs a fixed number of
queries, whatever the number of booths, people or cards.

Events for a person come annotated with what rules.py reads (`viewer_id`,
`viewer_is_member`, `viewer_is_attendee`), so `has_perm("bazar.…", event)` costs no query
for that person. The reports for organisers (representation, compliance, collection) are
in selectors_reports.py and re-exported here.
"""

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from labportal.accounts.models import User
from labportal.accounts.rules import has_any_role, is_administrator

from .enums import EventStatus
from .models import (
    Attendee,
    BazarEvent,
    Booth,
    InterestCard,
    PitchRound,
    PitchSlot,
    PreRegistration,
    WorkingGroupMember,
)
from .selectors_reports import (  # noqa: F401  (re-exported)
    Collection,
    Compliance,
    Representation,
    collection,
    compliance,
    representation,
)

PEOPLE = User.objects.only("pk", "username", "first_name", "last_name", "email")


def events_annotated(user) -> QuerySet[BazarEvent]:
    """Events with what the rules read for `user`."""
    pk = getattr(user, "pk", None)
    return BazarEvent.objects.annotate(
        viewer_id=Value(pk, output_field=IntegerField()),
        viewer_is_member=Exists(
            WorkingGroupMember.objects.filter(event_id=OuterRef("pk"), user_id=pk)
        ),
        viewer_is_attendee=Exists(Attendee.objects.filter(event_id=OuterRef("pk"), user_id=pk)),
    )


def events_visible(user) -> QuerySet[BazarEvent]:
    """What `user` may see (the same as `bazar.view_event`): everything for administrators;
    for the working group their events in any status; for anyone with a role the events
    that have left planning."""
    events = events_annotated(user)
    if not getattr(user, "is_authenticated", False):
        return events.none()
    if is_administrator(user):
        return events
    visible = Q(viewer_is_member=True)
    if has_any_role(user):
        visible |= ~Q(status=EventStatus.PLANNING)
    return events.filter(visible)


def events_for_user(user) -> list[BazarEvent]:
    """Visible events: upcoming ones first (soonest first), then past ones (latest first).
    Each has `is_upcoming` (bool) besides the rules' annotations."""
    today = timezone.localdate()
    events = events_visible(user).annotate(
        is_upcoming=Case(
            When(date__gte=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    upcoming = list(events.filter(is_upcoming=True).order_by("date", "start_time", "title"))
    past = list(events.filter(is_upcoming=False).order_by("-date", "-start_time", "title"))
    return upcoming + past


def event_for_user(user, slug: str, *, institutions: bool = True) -> BazarEvent:
    """The one way to fetch an event for a page: 404 when unknown or not visible to `user`
    (an event in planning is not even said to exist). Comes with the rules' annotations
    and, unless told not to (a card being sent needs none), `institutions` prefetched."""
    events = events_visible(user)
    if institutions:
        events = events.prefetch_related("institutions")
    return get_object_or_404(events, slug=slug)


def booths_of_event(event: BazarEvent) -> list[Booth]:
    """The event's booths in order, with `experiment`, `theme` and `hosts` loaded."""
    return list(
        event.booths.select_related("experiment", "theme").prefetch_related(
            Prefetch("hosts", queryset=PEOPLE)
        )
    )


def booth_for_event(event: BazarEvent, booth_slug: str, *, hosts: bool = True) -> Booth | None:
    """The booth of this event with that slug (as booths_of_event loads it; only its keys and
    title when told not to load its hosts), or None, so the page can say kindly that there is
    no such booth."""
    booths = event.booths.filter(slug=booth_slug)
    if hosts:
        booths = booths.select_related("experiment", "theme", "event").prefetch_related(
            Prefetch("hosts", queryset=PEOPLE)
        )
    else:
        booths = booths.only("pk", "event_id", "slug", "title")
    return next(iter(booths), None)


def rounds_of_event(event: BazarEvent) -> list[PitchRound]:
    """The programme: rounds in order, each with `theme` and its `slots` (with `booth`)."""
    slots = PitchSlot.objects.select_related("booth").order_by("order", "pk")
    return list(
        event.rounds.select_related("theme").prefetch_related(Prefetch("slots", queryset=slots))
    )


def working_group_of_event(event: BazarEvent) -> list[WorkingGroupMember]:
    """Members with `user` and `education` (and its institution)."""
    return list(event.working_group.select_related("user", "education__institution"))


def attendees_of_event(event: BazarEvent) -> list[Attendee]:
    """Attendees (the check-in list) with `user`, `education` and its institution, ordered
    by institution, education, role, name."""
    return list(
        event.attendees.select_related("user", "education__institution").order_by(
            "education__institution__name",
            "education__name",
            "role",
            "user__first_name",
            "user__username",
        )
    )


def attendance_of(user, event: BazarEvent) -> Attendee | None:
    """`user`'s invitation to the event, or None."""
    return event.attendees.filter(user_id=getattr(user, "pk", None)).first()


def my_pre_registrations(user, event: BazarEvent) -> set[int]:
    """Ids of the event's booths that `user` has pre-registered for."""
    return set(
        PreRegistration.objects.filter(
            attendee__event=event, attendee__user_id=getattr(user, "pk", None)
        ).values_list("booth_id", flat=True)
    )


def my_cards(user, event: BazarEvent) -> list[InterestCard]:
    """`user`'s cards at the event, with `booth`, in the booths' order."""
    return list(
        InterestCard.objects.filter(booth__event=event, visitor_id=getattr(user, "pk", None))
        .select_related("booth")
        .order_by("booth__order", "booth__title")
    )


def card_for_user(user, card_id: int) -> InterestCard:
    """The card with `booth` and `booth.event`: 404 unless `user` wrote it (another
    person's card is not even said to exist)."""
    cards = InterestCard.objects.select_related("booth__event")
    return get_object_or_404(cards, pk=card_id, visitor_id=getattr(user, "pk", None))


def cards_of_event(event: BazarEvent) -> list[InterestCard]:
    """Every card of the event with `booth` and `visitor`, by booth then time: what the
    organisers read when they group the cards."""
    return list(
        InterestCard.objects.filter(booth__event=event)
        .select_related("booth", "visitor")
        .order_by("booth__order", "booth__title", "created_at", "pk")
    )

"""The bazar's panel on the dashboard: the next event the person may see that has not ended
(a running one first), with the person's own state there (invited, checked in, cards). Two
queries: the person's roles, and the event with that state. Nothing is shown (the context is
None) when there is no such event."""

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from labportal.core.panels import Panel

from .enums import EventStatus
from .models import Attendee, InterestCard
from .selectors import events_visible

# Statuses of an event that is still to come or going on.
AHEAD = (EventStatus.PLANNING, EventStatus.OPEN, EventStatus.RUNNING)


def next_event(user):
    """The event, annotated with the person's `my_attendee_id`, `my_invited_at`,
    `my_checked_in_at` and `my_cards`; or None."""
    now = timezone.localtime()
    today, time = now.date(), now.time().replace(tzinfo=None)
    attendee = Attendee.objects.filter(event_id=OuterRef("pk"), user_id=user.pk)
    cards = (
        InterestCard.objects.filter(booth__event_id=OuterRef("pk"), visitor_id=user.pk)
        .order_by()
        .values("booth__event_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    not_ended = Q(date__gt=today) | Q(date=today, end_time__gt=time)
    events = (
        events_visible(user)
        .filter(status__in=AHEAD)
        .filter(Q(status=EventStatus.RUNNING) | not_ended)
        .annotate(
            my_attendee_id=Subquery(attendee.values("pk")[:1]),
            my_invited_at=Subquery(attendee.values("invited_at")[:1]),
            my_checked_in_at=Subquery(attendee.values("checked_in_at")[:1]),
            my_cards=Subquery(cards[:1]),
        )
    )
    running_first = events.annotate(
        is_running=Case(
            When(status=EventStatus.RUNNING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )
    return running_first.order_by("is_running", "date", "start_time", "title").first()


def upcoming_context(user) -> dict | None:
    if not getattr(user, "is_authenticated", False):
        return None
    event = next_event(user)
    if event is None:
        return None
    return {
        "event": event,
        "is_today": event.date == timezone.localdate(),
        "invited": event.my_attendee_id is not None,
        "checked_in": event.my_checked_in_at is not None,
        "cards": event.my_cards or 0,
    }


def effect_context(user) -> dict | None:
    """The strategic panel: what the bazar led to, per track and per concept (results.py),
    for the strategic level and administrators; None for others or before any card."""
    from . import effect_selectors, results

    if not effect_selectors.sees_strategic_results(user):
        return None
    _events, found = effect_selectors.all_results(user)
    if not found.taken_home:
        return None
    return {
        "results": found,
        "tracks": results.by_track(found),
        "concepts": results.by_concept(found),
    }


PANELS = (
    Panel(
        "bazar/dashboard/upcoming.html",
        upcoming_context,
        order=5,  # first: the bazar is where a leader is on the day
    ),
    Panel(
        "bazar/dashboard/effect.html",
        effect_context,
        order=60,
        stylesheets=("css/bazar_results.css",),
    ),
)

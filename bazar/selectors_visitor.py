"""Reads the visitor pages need besides selectors.py: one query each, whatever the number of
events, booths or cards."""

from django.db.models import Count

from .models import BazarEvent, Booth, InterestCard, Theme


def card_counts(user, event_ids) -> dict[int, int]:
    """How many cards `user` has written at each of these events (events without cards
    are left out)."""
    rows = (
        InterestCard.objects.filter(
            visitor_id=getattr(user, "pk", None), booth__event_id__in=list(event_ids)
        )
        .values("booth__event_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["booth__event_id"]: row["n"] for row in rows}


def cards_by_booth(user, event: BazarEvent) -> dict[int, InterestCard]:
    """`user`'s cards at the event, keyed by booth id."""
    cards = InterestCard.objects.filter(booth__event=event, visitor_id=getattr(user, "pk", None))
    return {card.booth_id: card for card in cards}


def card_at_booth(user, booth: Booth) -> InterestCard | None:
    """`user`'s card for `booth`, or None."""
    return InterestCard.objects.filter(booth=booth, visitor_id=getattr(user, "pk", None)).first()


def themes_of_event(event: BazarEvent) -> list[Theme]:
    """The event's themes in order."""
    return list(event.themes.all())

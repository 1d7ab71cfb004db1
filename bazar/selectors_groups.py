"""The reads of the follow-up groups' pages, each a fixed number of queries whatever the
number of groups, cards and members.

- `grouping_page(event, basis)`: the organisers' page (suggestions and the groups);
- `group_for_user(user, event, group_id)`: the one way to fetch a group for a page (404
  unless the person is in it or organises the event), annotated for rules_followup;
- `group_detail(group)`: members with their educations, and the two workshops;
- `my_groups(user, event)`: the groups a person is in (the event page's "Mine grupper").
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from . import grouping
from .grouping import WANTS, Suggestions
from .models import Attendee, BazarEvent, FollowUpGroup, GroupCard, InterestCard, Workshop
from .rules_followup import can_view_group


def attendees_by_user(event: BazarEvent) -> dict[int, Attendee]:
    """user id → Attendee with `education__institution` (one query)."""
    rows = Attendee.objects.filter(event=event).select_related("education__institution")
    return {a.user_id: a for a in rows}


def _members_queryset() -> QuerySet[GroupCard]:
    return GroupCard.objects.select_related("card__visitor", "card__booth").order_by(
        "card__visitor__first_name", "card__visitor__last_name", "card__visitor__username"
    )


def groups_of_event(event: BazarEvent) -> list[FollowUpGroup]:
    """The event's groups with `booth`, `members` (card, visitor, booth) and `workshops`."""
    return list(
        FollowUpGroup.objects.filter(event=event)
        .select_related("booth")
        .prefetch_related(
            Prefetch("members", queryset=_members_queryset()),
            Prefetch("workshops", queryset=Workshop.objects.order_by("number")),
        )
        .order_by("booth__order", "booth__title", "title", "pk")
    )


@dataclass
class GroupingPage:
    suggestions: Suggestions
    groups: list[FollowUpGroup]
    ungrouped: list[InterestCard]  # cards that want the practice and are in no group


def grouping_page(event: BazarEvent, basis: str) -> GroupingPage:
    """Five queries: cards not in a group, attendees, groups, their members, workshops."""
    cards = list(
        InterestCard.objects.filter(
            booth__event=event, commitment__in=WANTS, group_membership__isnull=True
        )
        .select_related("booth", "visitor")
        .order_by("booth__order", "booth__title", "created_at", "pk")
    )
    attendees = attendees_by_user(event)
    groups = groups_of_event(event)
    for group in groups:
        for member in group.members.all():
            member.attendee = attendees.get(member.card.visitor_id)
    for card in cards:
        card.attendee = attendees.get(card.visitor_id)
    return GroupingPage(
        suggestions=grouping.suggest(cards, attendees, basis), groups=groups, ungrouped=cards
    )


def group_for_user(user, event: BazarEvent, group_id: int) -> FollowUpGroup:
    """The group of `event` (fetched for `user` by event_for_user) with `booth` and its
    experiment, annotated with `viewer_in_group`; Http404 unless `user` may see it."""
    pk = getattr(user, "pk", None)
    group = (
        FollowUpGroup.objects.filter(event=event, pk=group_id)
        .select_related("booth__experiment")
        .annotate(
            viewer_in_group=Exists(
                GroupCard.objects.filter(group_id=OuterRef("pk"), card__visitor_id=pk)
            )
        )
        .first()
    )
    if group is None:
        raise Http404
    group.event = event  # the event with the rules' annotations for `user`
    group.viewer_id = pk
    if not can_view_group(user, group):
        raise Http404
    return group


def group_in_event(event: BazarEvent, group_id: int) -> FollowUpGroup:
    """The group of the event by id (no permission check: services check who acts)."""
    group = FollowUpGroup.objects.filter(event=event, pk=group_id).select_related("booth").first()
    if group is None:
        raise Http404
    group.event = event
    return group


@dataclass
class GroupDetail:
    group: FollowUpGroup
    members: list[GroupCard]  # each with `.attendee` (education) or None
    workshops: list[Workshop]


def group_detail(group: FollowUpGroup) -> GroupDetail:
    """Three queries: members, attendees, workshops."""
    members = list(_members_queryset().filter(group=group))
    attendees = attendees_by_user(group.event)
    for member in members:
        member.attendee = attendees.get(member.card.visitor_id)
    workshops = list(group.workshops.order_by("number"))
    return GroupDetail(group=group, members=members, workshops=workshops)


def my_groups(user, event: BazarEvent) -> list[FollowUpGroup]:
    """The event's groups that `user` holds a card in, with `booth` (one query)."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return []
    return list(
        FollowUpGroup.objects.filter(event=event, members__card__visitor_id=pk)
        .select_related("booth")
        .order_by("booth__order", "title", "pk")
        .distinct()
    )

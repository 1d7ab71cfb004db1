"""Forming and adjusting the follow-up groups after the bazar (organisers only, while the
event's status allows `form_groups`, i.e. in follow-up).

Every service locks the event's row first, so two organisers grouping at once take turns;
checks who acts, the status and the input; and raises a BazarError (nothing changed) when
something is wrong. A group's title is unique within its event (the JSON and the effect
answers name a group by it). A new group gets its two workshops at once, and its members an
inbox notification (and e-mail) that the group is formed, in their language, after commit.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from labportal.accounts.models import User
from labportal.notifications.services import notifications_create

from . import rules, statuses
from .enums import Action, GroupBasis
from .exceptions import Refused, WrongStatus
from .models import BazarEvent, EffectSurvey, FollowUpGroup, GroupCard, InterestCard, Workshop

TITLE_MAX = 200


def _locked(event: BazarEvent, by: User) -> BazarEvent:
    locked = BazarEvent.objects.locked(event)
    rules.require_organiser(by, locked)
    statuses.require(locked, Action.FORM_GROUPS)
    return locked


def _own(event: BazarEvent, *groups: FollowUpGroup) -> None:
    if any(g.event_id != event.pk for g in groups):
        raise Refused(_("Groups of two different events cannot be combined; nothing was changed."))


def _title(event: BazarEvent, title: str, *, exclude: int | None = None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise Refused(_("A group needs a name."))
    if len(title) > TITLE_MAX:
        raise Refused(_("A group's name can be at most %(max)d characters.") % {"max": TITLE_MAX})
    taken = FollowUpGroup.objects.filter(event=event, title=title).exclude(pk=exclude)
    if taken.exists():
        raise Refused(_("The event already has a group called “%(title)s”.") % {"title": title})
    return title


def free_title(event: BazarEvent, title: str) -> str:
    """`title`, or `title (2)`, `(3)` … when the event has a group of that name."""
    base = " ".join(title.split())[: TITLE_MAX - 6] or _("Group")
    taken = set(
        FollowUpGroup.objects.filter(event=event, title__startswith=base).values_list(
            "title", flat=True
        )
    )
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base} ({n})", n + 1
    return candidate


def _no_survey(group: FollowUpGroup) -> None:
    if EffectSurvey.objects.filter(group=group).exists():
        raise Refused(
            _("The group “%(title)s” has had its effect survey; it can no longer be removed.")
            % {"title": group.title}
        )


def _notify_formed(group: FollowUpGroup, user_ids) -> None:
    recipients = list(User.objects.filter(pk__in=list(user_ids), is_active=True))
    if not recipients:
        return
    url = group_url(group)
    title, event = group.title, group.event.title

    def render() -> tuple[str, str]:
        subject = _("You are in the follow-up group “%(title)s”") % {"title": title}
        body = _(
            "After %(event)s you are in the follow-up group “%(title)s” with the others who "
            "want to take the same practice home. The group meets for two workshops; you will "
            "get an invitation for each. The group's page: %(url)s"
        ) % {"event": event, "title": title, "url": url}
        return subject[:200], body

    notifications_create(recipients=recipients, render=render, url=url)


def group_url(group: FollowUpGroup) -> str:
    from django.urls import reverse

    return reverse("bazar:group", kwargs={"event": group.event.slug, "group_id": group.pk})


def _create(event, by, cards, *, basis, title, reason) -> FollowUpGroup:
    group = FollowUpGroup.objects.create(
        event=event,
        booth_id=cards[0].booth_id,
        title=title,
        basis=basis,
        reason=reason,
        created_by=by,
    )
    GroupCard.objects.bulk_create(GroupCard(group=group, card=card) for card in cards)
    Workshop.objects.bulk_create([Workshop(group=group, number=1), Workshop(group=group, number=2)])
    return group


@transaction.atomic
def group_create(
    *,
    event: BazarEvent,
    by: User,
    cards: list[InterestCard],
    basis: str = GroupBasis.MANUAL,
    title: str,
    reason: str = "",
) -> FollowUpGroup:
    """A group of `cards` (all of one booth of the event, none in a group yet) with its two
    workshops; its members are told."""
    locked = _locked(event, by)
    if basis not in GroupBasis.values:
        raise Refused(_("Choose how the group is put together."))
    ids = sorted({card.pk for card in cards})
    if not ids:
        raise Refused(_("A group needs at least one card."))
    rows = list(
        InterestCard.objects.select_for_update(of=("self",))
        .select_related("booth")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if len(rows) != len(ids):
        raise Refused(_("One of the cards no longer exists; nothing was changed."))
    if any(card.booth.event_id != locked.pk for card in rows):
        raise Refused(_("A card of another event cannot be in this event's group."))
    if len({card.booth_id for card in rows}) > 1:
        raise Refused(_("The cards of a new group must be from one booth."))
    if GroupCard.objects.filter(card_id__in=ids).exists():
        raise WrongStatus(
            _("One of the cards has been put in a group meanwhile; nothing was changed.")
        )
    group = _create(
        locked, by, rows, basis=basis, title=_title(locked, title), reason=(reason or "")[:2000]
    )
    _notify_formed(group, {card.visitor_id for card in rows})
    return group


@transaction.atomic
def group_accept(*, event: BazarEvent, by: User, basis: str, key: str) -> FollowUpGroup:
    """Accept the suggestion `key` as it is now (grouping by `basis`): a group with its cards,
    its basis and its reason in words."""
    from .selectors_groups import grouping_page

    locked = _locked(event, by)
    suggestion = grouping_page(locked, basis).suggestions.find(key)
    if suggestion is None:
        raise WrongStatus(
            _("That suggestion has changed (cards were grouped meanwhile); look at it again.")
        )
    return group_create(
        event=locked,
        by=by,
        cards=suggestion.cards,
        basis=suggestion.basis,
        title=free_title(locked, suggestion.title),
        reason=suggestion.reason,
    )


def _group(locked_event, group) -> FollowUpGroup:
    _own(locked_event, group)
    found = FollowUpGroup.objects.select_for_update().filter(pk=group.pk).first()
    if found is None:
        raise WrongStatus(_("The group has been removed meanwhile; nothing was changed."))
    found.event = locked_event
    return found


def _differs(booth_title: str, other_title: str) -> str:
    return _("Note: the card was written at “%(booth)s”, and the group is about “%(other)s”.") % {
        "booth": booth_title,
        "other": other_title,
    }


@transaction.atomic
def group_card_move(
    *, event: BazarEvent, by: User, card: InterestCard, to: FollowUpGroup | None
) -> str:
    """Move `card` into the group `to` of the same event (any booth: the answer then says
    that the booth differs), or out of its group (`to` None). The last card of a group
    cannot leave it (remove or merge the group instead). Returns a note ("" when none)."""
    locked = _locked(event, by)
    card = InterestCard.objects.select_related("booth").filter(pk=card.pk).first()
    if card is None or card.booth.event_id != locked.pk:
        raise Refused(_("That card is not one of this event's cards."))
    membership = GroupCard.objects.select_for_update().filter(card=card).first()
    if membership is not None:
        others = GroupCard.objects.filter(group_id=membership.group_id).exclude(pk=membership.pk)
        if to is not None and to.pk == membership.group_id:
            raise Refused(_("The card is in that group already."))
        if not others.exists():
            raise Refused(_("This is the group's only card; remove the group or merge it instead."))
    if to is None:
        if membership is None:
            raise Refused(_("The card is in no group."))
        membership.delete()
        return ""
    target = _group(locked, to)
    target_booth = target.booth
    if membership is None:
        GroupCard.objects.create(group=target, card=card)
    else:
        membership.group = target
        membership.save(update_fields=["group"])
    return (
        _differs(card.booth.title, target_booth.title) if card.booth_id != target.booth_id else ""
    )


@transaction.atomic
def group_merge(*, event: BazarEvent, by: User, group: FollowUpGroup, into: FollowUpGroup) -> str:
    """Move every card of `group` into `into` and remove `group` (with its workshops). Both
    must belong to `event`. Returns a note when their booths differ."""
    locked = _locked(event, by)
    _own(locked, group, into)
    if group.pk == into.pk:
        raise Refused(_("A group cannot be merged with itself."))
    source, target = _group(locked, group), _group(locked, into)
    _no_survey(source)
    GroupCard.objects.filter(group=source).update(group=target)
    source.delete()
    if source.booth_id != target.booth_id:
        return _(
            "Note: the two groups were about different booths; the merged group is about "
            "“%(booth)s”."
        ) % {"booth": target.booth.title}
    return ""


@transaction.atomic
def group_split(
    *, event: BazarEvent, by: User, group: FollowUpGroup, cards: list[InterestCard], title: str = ""
) -> FollowUpGroup:
    """Move the chosen `cards` of `group` into a new group (same booth, made by hand) with its
    two workshops; at least one card must stay."""
    locked = _locked(event, by)
    source = _group(locked, group)
    ids = {card.pk for card in cards}
    held = dict(
        GroupCard.objects.select_for_update().filter(group=source).values_list("card_id", "pk")
    )
    if not ids:
        raise Refused(_("Choose the cards that move into the new group."))
    if ids - held.keys():
        raise Refused(_("Only cards of this group can be split off."))
    if ids == held.keys():
        raise Refused(_("At least one card must stay in the group."))
    new = FollowUpGroup.objects.create(
        event=locked,
        booth_id=source.booth_id,
        title=_title(locked, title) if title.strip() else free_title(locked, source.title),
        basis=GroupBasis.MANUAL,
        reason=_("Split from “%(title)s”.") % {"title": source.title},
        created_by=by,
    )
    GroupCard.objects.filter(pk__in=[held[i] for i in ids]).update(group=new)
    Workshop.objects.bulk_create([Workshop(group=new, number=1), Workshop(group=new, number=2)])
    visitors = InterestCard.objects.filter(pk__in=ids).values_list("visitor_id", flat=True)
    _notify_formed(new, set(visitors))
    return new


@transaction.atomic
def group_rename(*, event: BazarEvent, by: User, group: FollowUpGroup, title: str) -> FollowUpGroup:
    locked = _locked(event, by)
    found = _group(locked, group)
    found.title = _title(locked, title, exclude=found.pk)
    found.save(update_fields=["title"])
    return found


@transaction.atomic
def group_remove(*, event: BazarEvent, by: User, group: FollowUpGroup) -> None:
    """Remove the group and its workshops; its cards are in no group again."""
    locked = _locked(event, by)
    found = _group(locked, group)
    _no_survey(found)
    found.delete()

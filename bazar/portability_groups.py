"""The follow-up groups in each "bazar_events" row: the contract's
"groups": [{"booth", "members": [person], "workshops": [...]}] and beside them

    {"title", "basis", "reason", "created_by",
     "cards": [{"visitor", "booth"}],             # each member's card, by visitor and booth
     "workshops": [{"number", "starts_at", "ends_at", "place", "content", "invited_at"}]}

A group is named by its title, unique within its event (services_groups.py keeps it so):
the import matches groups by it, and other keys of the row (the effect answers) may refer
to a group by its title. Groups come by booth (order, slug) and title, members by username,
cards by visitor and booth, workshops by number: exporting twice gives the same text.

On import (called from portability_read.py and portability_write.py) a group of the file
gets exactly the file's cards (a card listed elsewhere moves here); its workshops get the
file's values, and a group always has workshops 1 and 2. Groups the file does not list are
left alone (as cards are). Refused, naming the place: a card that is not one of this
event's cards (an unknown booth, or a visitor without a card there), a card in two groups,
two groups with one title, a workshop other than 1 and 2 (or one listed twice), content
that does not fit the workshop's fields, a workshop that ends before it starts.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from labportal.core.updating import model_update
from labportal.portability import RowField
from labportal.portability.fields import iso, person_ref

from .enums import GroupBasis
from .models import FollowUpGroup, GroupCard, Workshop
from .workshops import WORKSHOP_FIELDS, clean_content

KEY = "groups"


# --- export ---------------------------------------------------------------------------------


def _workshop_row(workshop: Workshop) -> dict:
    return {
        "number": workshop.number,
        "starts_at": iso(workshop.starts_at),
        "ends_at": iso(workshop.ends_at),
        "place": workshop.place,
        "content": workshop.content,
        "invited_at": iso(workshop.invited_at),
    }


def groups_value(event) -> list[dict]:
    groups = sorted(event.groups.all(), key=lambda g: (g.booth.order, g.booth.slug, g.title))
    rows = []
    for group in groups:
        cards = sorted((m.card.visitor.username, m.card.booth.slug) for m in group.members.all())
        rows.append(
            {
                "booth": group.booth.slug,
                "members": sorted({visitor for visitor, _booth in cards}),
                "workshops": [_workshop_row(w) for w in group.workshops.all()],
                "title": group.title,
                "basis": group.basis,
                "reason": group.reason,
                "created_by": person_ref(group.created_by),
                "cards": [{"visitor": v, "booth": b} for v, b in cards],
            }
        )
    return rows


def _prefetch() -> Prefetch:
    members = GroupCard.objects.select_related("card__visitor", "card__booth")
    groups = FollowUpGroup.objects.select_related("booth", "created_by").prefetch_related(
        Prefetch("members", queryset=members),
        Prefetch("workshops", queryset=Workshop.objects.order_by("number")),
    )
    return Prefetch("groups", queryset=groups)


ROW_FIELDS = [
    RowField(
        section="bazar_events",
        key=KEY,
        after="interest_cards",
        prefetch=_prefetch(),
        value=groups_value,
    )
]


# --- reading --------------------------------------------------------------------------------


def _number(entry) -> int:
    number = entry.data.get("number")
    if number not in WORKSHOP_FIELDS or isinstance(number, bool):
        raise entry.error(
            _("a group has workshop 1 and workshop 2 only, not %(number)r.") % {"number": number}
        )
    return number


def _workshops(entry) -> list[dict]:
    workshops, seen = [], set()
    for item in entry.items("workshops"):
        number = _number(item)
        if number in seen:
            raise item.error(_("workshop %(number)d is listed twice.") % {"number": number})
        seen.add(number)
        starts, ends = item.datetime("starts_at"), item.datetime("ends_at")
        if starts and ends and ends <= starts:
            raise item.error(_("the workshop must end after it starts."))
        try:
            content = clean_content(number, item.data.get("content") or {})
        except ValueError as exc:
            raise item.error(_("'content': %(problem)s") % {"problem": exc}) from exc
        workshops.append(
            {
                "item": item,
                "number": number,
                "values": {
                    "starts_at": starts,
                    "ends_at": ends,
                    "place": item.text("place", max_length=200),
                    "content": content,
                    "invited_at": item.datetime("invited_at"),
                },
            }
        )
    return workshops


def parse_groups(parsed) -> None:
    """Read the row's "groups" into `parsed.groups` (checks within the row)."""
    groups, titles, cards = [], set(), set()
    for entry in parsed.item.items(KEY):
        booth = entry.slug("booth", required=True)
        title = " ".join(entry.text("title", max_length=200).split()) or booth
        if title in titles:
            raise entry.error(_("two groups are called %(title)r.") % {"title": title})
        titles.add(title)
        if entry.has("cards"):
            members = [
                (item, item.person("visitor"), item.slug("booth") or booth)
                for item in entry.items("cards")
            ]
        else:
            members = [(entry, ref.strip(), booth) for ref in entry.texts("members")]
        for item, visitor, card_booth in members:
            if not visitor:
                raise item.error(_("the key %(key)r is missing or empty.") % {"key": "visitor"})
            if (visitor, card_booth) in cards:
                raise item.error(
                    _("the card of %(person)r at the booth %(booth)r is in two groups.")
                    % {"person": visitor, "booth": card_booth}
                )
            cards.add((visitor, card_booth))
        groups.append(
            {
                "item": entry,
                "booth": booth,
                "title": title,
                "basis": entry.choice("basis", GroupBasis) or GroupBasis.MANUAL,
                "reason": entry.text("reason", max_length=2000),
                "created_by": entry.person("created_by"),
                "cards": members,
                "workshops": _workshops(entry),
            }
        )
    parsed.groups = groups


# --- writing --------------------------------------------------------------------------------


def write_groups(writer, event, row, booths: dict[str, int]) -> None:
    """Inside EventWrite.event, after the cards: the file's groups of `event`."""
    groups = getattr(row, "groups", [])
    if not groups:
        return
    people = writer.ctx.people
    people.resolve(
        [g["created_by"] for g in groups] + [v for g in groups for _i, v, _b in g["cards"]]
    )
    from .models import InterestCard

    cards = {
        (booth_id, visitor_id): pk
        for pk, booth_id, visitor_id in InterestCard.objects.filter(booth__event=event).values_list(
            "pk", "booth_id", "visitor_id"
        )
    }
    stored = {g.title: g for g in FollowUpGroup.objects.filter(event=event)}
    memberships = {m.card_id: m for m in GroupCard.objects.filter(group__event=event)}
    for wanted in groups:
        values = {
            "booth_id": writer.booth_id(booths, wanted["item"], wanted["booth"]),
            "basis": wanted["basis"],
            "reason": wanted["reason"],
            "created_by_id": people.id(wanted["created_by"]),
        }
        ids = []
        for item, visitor, booth in wanted["cards"]:
            key = (writer.booth_id(booths, item, booth), people.id(visitor))
            if key not in cards:
                raise item.error(
                    _("%(person)r has no interest card at the booth %(booth)r of this event.")
                    % {"person": visitor, "booth": booth}
                )
            ids.append(cards[key])
        group = stored.get(wanted["title"])
        if group is None:
            group = FollowUpGroup.objects.create(event=event, title=wanted["title"], **values)
            stored[group.title] = group
            writer.count("follow-up groups", created=1)
        elif model_update(group, values):
            writer.count("follow-up groups", updated=1)
        _members(writer, group, ids, memberships)
        _write_workshops(writer, group, wanted["workshops"])


def _members(writer, group, ids: list[int], memberships: dict) -> None:
    stale = {
        m.card_id: m.pk
        for m in memberships.values()
        if m.group_id == group.pk and m.card_id not in ids
    }
    GroupCard.objects.filter(pk__in=list(stale.values())).delete()
    for card_id in stale:
        memberships.pop(card_id)
    created = moved = 0
    for card_id in ids:
        member = memberships.get(card_id)
        if member is None:
            memberships[card_id] = GroupCard.objects.create(group=group, card_id=card_id)
            created += 1
        elif member.group_id != group.pk:
            member.group = group
            member.save(update_fields=["group"])
            moved += 1
    writer.count("cards in groups", created=created, updated=moved, removed=len(stale))


def _write_workshops(writer, group, wanted: list[dict]) -> None:
    stored = {w.number: w for w in Workshop.objects.filter(group=group)}
    by_number = {w["number"]: w["values"] for w in wanted}
    for number in sorted(WORKSHOP_FIELDS):
        values = by_number.get(number)
        workshop = stored.get(number)
        if workshop is None:
            Workshop.objects.create(group=group, number=number, **(values or {}))
            writer.count("workshops", created=1)
        elif values is not None and model_update(workshop, values):
            writer.count("workshops", updated=1)

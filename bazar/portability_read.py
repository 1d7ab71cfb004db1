"""Reading and checking one "bazar_events" row (see portability.py for the format). Only
what can be checked within the row is checked here; references to the portal (people,
educations, experiments, institutions) are resolved by portability_write.py."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from labportal.portability.fields import Item

from .enums import Commitment, EventStatus, PersonRole, RoundKind
from .models_people import TAKE_HOME_MAX_LENGTH
from .portability_groups import parse_groups

DEFAULT_START, DEFAULT_END = dt.time(9, 0), dt.time(16, 0)
SMALL_MAX = 32767  # a PositiveSmallIntegerField


@dataclass
class Parsed:
    """One row's values; the Item of each nested entry is kept to name it in errors."""

    item: Item
    slug: str
    values: dict
    created_by: str | None
    institutions: list[str]
    themes: list[tuple[str, int]]
    members: list[tuple[Item, str, str, str | None]]  # (item, person, role, education)
    booths: list[dict] = field(default_factory=list)
    rounds: list[dict] = field(default_factory=list)
    attendees: list[dict] = field(default_factory=list)
    cards: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)


def integer(item: Item, key: str, default: int, *, maximum: int = SMALL_MAX) -> int:
    value = item.data.get(key)
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= maximum:
        raise item.error(
            _("%(key)r must be a whole number from 0 to %(max)d.") % {"key": key, "max": maximum}
        )
    return value


def boolean(item: Item, key: str, default: bool) -> bool:
    value = item.data.get(key, default)
    if not isinstance(value, bool):
        raise item.error(_("%(key)r must be true or false.") % {"key": key})
    return value


def time(item: Item, key: str, default: dt.time | None = None, *, required: bool = False):
    value = item.text(key, required=required)
    if not value:
        return default
    try:
        parsed = dt.time.fromisoformat(value)
    except ValueError as exc:
        raise item.error(
            _("%(key)r must be a time (HH:MM), not %(value)r.") % {"key": key, "value": value}
        ) from exc
    if parsed.tzinfo is not None:
        raise item.error(_("%(key)r must be a local time without an offset.") % {"key": key})
    return parsed


def person(item: Item, key: str) -> str:
    ref = item.person(key)
    if ref is None:
        raise item.error(_("the key %(key)r is missing or empty.") % {"key": key})
    return ref


def education(item: Item, key: str = "education", *, required: bool = False) -> str | None:
    """ "<institution slug>/<education slug>" (or an object with "institution" and "slug")."""
    value = item.data.get(key)
    if isinstance(value, dict):
        value = f"{value.get('institution')}/{value.get('slug')}"
    if value in (None, ""):
        if required:
            raise item.error(_("the key %(key)r is missing or empty.") % {"key": key})
        return None
    if not isinstance(value, str) or value.count("/") != 1 or "" in value.split("/"):
        raise item.error(
            _("%(key)r must be “institution/education” (two slugs), not %(value)r.")
            % {"key": key, "value": value}
        )
    return value


def _once(item: Item, seen: set, key, message: str) -> None:
    if key in seen:
        raise item.error(message)
    seen.add(key)


def parse_event(item: Item) -> Parsed:
    date = item.date("date")
    if date is None:
        raise item.error(_("the key %(key)r is missing or empty.") % {"key": "date"})
    start = time(item, "start_time", DEFAULT_START)
    end = time(item, "end_time", DEFAULT_END)
    if end <= start:
        raise item.error(_("the event must end after it starts."))
    values = {
        "title": item.text("title", required=True, max_length=200).strip(),
        "date": date,
        "start_time": start,
        "end_time": end,
        "place": item.text("place", max_length=200),
        "description": item.text("description", max_length=20_000),
        "status": item.choice("status", EventStatus) or EventStatus.PLANNING,
        "survey_after_days": integer(item, "survey_after_days", 90),
    }
    themes, titles = [], set()
    for entry in item.items("themes"):
        title = entry.text("title", required=True, max_length=200)
        _once(entry, titles, title, _("the theme %(title)r is listed twice.") % {"title": title})
        themes.append((title, integer(entry, "order", len(themes) + 1)))
    parsed = Parsed(
        item=item,
        slug=item.slug("slug", required=True),
        values=values,
        created_by=item.person("created_by"),
        institutions=item.slugs("institutions"),
        themes=themes,
        members=_members(item),
    )
    _booths(parsed, titles)
    _rounds(parsed, titles)
    _attendees(parsed)
    _cards(parsed)
    parse_groups(parsed)  # portability_groups.py
    for entry in item.items("status_history"):
        parsed.history.append(
            {
                "item": entry,
                "from_status": entry.choice("from", EventStatus, required=True),
                "to_status": entry.choice("to", EventStatus, required=True),
                "by": person(entry, "by"),
                "at": entry.datetime("at", required=True),
            }
        )
    return parsed


def _members(item: Item) -> list:
    members, seen = [], set()
    if item.has("working_group_members"):
        for entry in item.items("working_group_members"):
            ref = person(entry, "person")
            _once(entry, seen, ref, _("%(person)r is listed twice.") % {"person": ref})
            role = entry.choice("role", PersonRole) or PersonRole.OTHER_STAFF
            members.append((entry, ref, role, education(entry)))
        return members
    for ref in (r.strip() for r in item.texts("working_group")):
        if ref and ref not in seen:
            seen.add(ref)
            members.append((item, ref, PersonRole.OTHER_STAFF, None))
    return members


def _booths(parsed: Parsed, themes: set[str]) -> None:
    slugs, experiments = set(), set()
    for entry in parsed.item.items("booths"):
        experiment = entry.slug("experiment")
        slug = entry.slug("slug") or experiment
        if slug is None:
            raise entry.error(_("a booth needs a 'slug' or an 'experiment'."))
        _once(entry, slugs, slug, _("the booth %(slug)r is listed twice.") % {"slug": slug})
        if experiment:
            _once(
                entry,
                experiments,
                experiment,
                _("the experiment %(slug)r has two booths.") % {"slug": experiment},
            )
        theme = entry.text("theme", max_length=200) or None
        if theme is not None and theme not in themes:
            raise entry.error(_("'theme' names a theme the event does not list."))
        hosts = sorted({ref.strip() for ref in entry.texts("hosts") if ref.strip()})
        parsed.booths.append(
            {
                "item": entry,
                "slug": slug,
                "experiment": experiment,
                "title": entry.text("title", max_length=200).strip(),
                "summary": entry.text("summary", max_length=5_000),
                "theme": theme,
                "order": integer(entry, "order", len(parsed.booths) + 1),
                "hosts": hosts,
            }
        )


def _rounds(parsed: Parsed, themes: set[str]) -> None:
    for entry in parsed.item.items("rounds"):
        starts, ends = (
            time(entry, "starts_at", required=True),
            time(entry, "ends_at", required=True),
        )
        if ends <= starts:
            raise entry.error(_("a round must end after it starts."))
        theme = entry.text("theme", max_length=200) or None
        if theme is not None and theme not in themes:
            raise entry.error(_("'theme' names a theme the event does not list."))
        slots, booths = [], set()
        for slot in entry.items("slots"):
            booth = slot.slug("booth", required=True)
            _once(slot, booths, booth, _("the booth %(slug)r is listed twice.") % {"slug": booth})
            slots.append(
                {
                    "item": slot,
                    "booth": booth,
                    "order": integer(slot, "order", len(slots) + 1),
                    "starts_at": time(slot, "starts_at"),
                }
            )
        parsed.rounds.append(
            {
                "item": entry,
                "kind": entry.choice("kind", RoundKind, required=True),
                "theme": theme,
                "starts_at": starts,
                "ends_at": ends,
                "order": integer(entry, "order", len(parsed.rounds) + 1),
                "slots": slots,
            }
        )


def _attendees(parsed: Parsed) -> None:
    seen = set()
    for entry in parsed.item.items("attendees"):
        ref = person(entry, "person")
        _once(entry, seen, ref, _("%(person)r is listed twice.") % {"person": ref})
        checked_in_at = entry.datetime("checked_in_at")
        if checked_in_at is None and boolean(entry, "checked_in", False):
            checked_in_at = timezone.make_aware(
                dt.datetime.combine(parsed.values["date"], parsed.values["start_time"])
            )
        parsed.attendees.append(
            {
                "item": entry,
                "person": ref,
                "education": education(entry, required=True),
                "role": entry.choice("role", PersonRole, required=True),
                "invited_at": entry.datetime("invited_at"),
                "checked_in_at": checked_in_at,
                "checked_in_by": entry.person("checked_in_by") if checked_in_at else None,
                "pre_registrations": sorted(set(entry.slugs("pre_registrations"))),
            }
        )


def _cards(parsed: Parsed) -> None:
    seen = set()
    for entry in parsed.item.items("interest_cards"):
        visitor, booth = person(entry, "visitor"), entry.slug("booth", required=True)
        _once(
            entry,
            seen,
            (visitor, booth),
            _("a second card of %(person)r for the booth %(booth)r.")
            % {"person": visitor, "booth": booth},
        )
        take_home = entry.text("take_home", max_length=TAKE_HOME_MAX_LENGTH)
        if "\x00" in take_home:
            raise entry.error(_("'take_home' contains a character that cannot be stored."))
        parsed.cards.append(
            {
                "item": entry,
                "visitor": visitor,
                "booth": booth,
                "commitment": entry.choice("commitment", Commitment, required=True),
                "take_home": take_home,
                "visited": boolean(entry, "visited", True),
                "created_at": entry.datetime("created_at"),
                "updated_at": entry.datetime("updated_at"),
            }
        )

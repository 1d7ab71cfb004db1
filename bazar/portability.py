"""The bazar's key of the "labportal/1" document: "bazar_events", one row per event by slug.

The contract's keys (CONTRACTS.md) come first and keep their shape; the rest of what the
models hold is added beside them:

    {"slug", "title", "date", "status",
     "working_group": [person],                       # the contract's list of persons
     "booths": [{"experiment", "hosts": [person],     # the contract's keys, then
                 "slug", "title", "summary", "theme", "order"}],
     "attendees": [{"person", "education", "role", "checked_in",
                    "invited_at", "checked_in_at", "checked_in_by",
                    "pre_registrations": [booth slug]}],
     "interest_cards": [{"visitor", "booth", "commitment", "take_home",
                         "visited", "created_at", "updated_at"}],
     "start_time", "end_time", "place", "description", "institutions": [slug],
     "survey_after_days", "created_by",
     "themes": [{"title", "order"}],
     "working_group_members": [{"person", "role", "education"}],
     "rounds": [{"kind", "theme", "starts_at", "ends_at", "order",
                 "slots": [{"booth", "order", "starts_at"}]}],
     "status_history": [{"from", "to", "by", "at"}]}

References: an education is the string "<institution slug>/<education slug>" (educations are
unique per institution only); a booth is its slug within the event; a theme its title within
the event; an experiment and an institution their slugs; a person a username (or e-mail,
see labportal/portability/people.py). Times are "HH:MM:SS" (the event's local time, as the
portal keeps them), datetimes ISO 8601 in UTC. Lists come in a stable order (persons by
username, booths by order and slug, rounds by order and start, cards by booth and visitor,
history by time), so exporting twice gives the same text.

On import (portability_read.py checks, portability_write.py writes) an event is matched by
slug and updated where it differs. The file is the truth about an event's institutions,
themes, working group, booth hosts, rounds with their slots and each listed attendee's
pre-registrations; booths, attendees and interest cards are matched (booth by slug,
attendee by person, card by visitor and booth) and created or updated, never deleted (the
collected cards must survive a partial file). Status history is never deleted: the k-th move
from one status to another in the file is the event's k-th such move (its person and time
updated), and moves the event lacks are added. A file that
gives only the contract's keys imports too ("working_group" then makes members in the role
"other staff"; the event runs 09:00–16:00). Cards' created_at/updated_at and the history's
times are restored. Any problem (an unknown booth, education or status, a card twice for the
same visitor and booth, a text too long) raises PortabilityError naming the place, and the
importer's transaction writes nothing.
"""

from collections.abc import Iterator, Sequence

from django.db.models import Prefetch

from labportal.accounts.models import User
from labportal.portability import RowField, Section, with_row_fields
from labportal.portability.context import Context, read_section
from labportal.portability.fields import iso, person_ref
from labportal.portability.reading import Source

from .models import (
    Attendee,
    BazarEvent,
    Booth,
    EventStatusChange,
    InterestCard,
    PitchRound,
    PitchSlot,
    WorkingGroupMember,
)
from .portability_effect import KEY as EFFECT_KEY
from .portability_effect import effect_rows
from .portability_groups import ROW_FIELDS as GROUP_FIELDS
from .portability_read import parse_event
from .portability_write import EventWrite

KEY = "bazar_events"
PEOPLE = User.objects.only("pk", "username")


def education_ref(education) -> str | None:
    if education is None:
        return None
    return f"{education.institution.slug}/{education.slug}"


def _time(value) -> str | None:
    return value.isoformat() if value is not None else None


def events_queryset():
    booths = (
        Booth.objects.select_related("experiment", "theme")
        .prefetch_related(Prefetch("hosts", queryset=PEOPLE))
        .order_by("order", "slug")
    )
    slots = PitchSlot.objects.select_related("booth").order_by("order", "booth__slug")
    rounds = (
        PitchRound.objects.select_related("theme")
        .prefetch_related(Prefetch("slots", queryset=slots))
        .order_by("order", "starts_at", "pk")
    )
    attendees = (
        Attendee.objects.select_related("user", "education__institution", "checked_in_by")
        .prefetch_related("pre_registrations__booth")
        .order_by("user__username")
    )
    cards = InterestCard.objects.select_related("booth", "visitor").order_by(
        "booth__slug", "visitor__username"
    )
    members = WorkingGroupMember.objects.select_related("user", "education__institution").order_by(
        "user__username"
    )
    history = EventStatusChange.objects.select_related("by").order_by("at", "pk")
    return (
        BazarEvent.objects.select_related("created_by")
        .prefetch_related(
            "institutions",
            "themes",
            Prefetch("working_group", queryset=members),
            Prefetch("booths", queryset=booths),
            Prefetch("rounds", queryset=rounds),
            Prefetch("attendees", queryset=attendees),
            Prefetch("status_changes", queryset=history),
        )
        .order_by("slug")
    ), cards


def event_row(event: BazarEvent, cards: list[InterestCard]) -> dict:
    members = list(event.working_group.all())
    return {
        "slug": event.slug,
        "title": event.title,
        "date": event.date.isoformat(),
        "status": event.status,
        "working_group": [m.user.username for m in members],
        "booths": [
            {
                "experiment": booth.experiment.slug if booth.experiment_id else None,
                "hosts": sorted(host.username for host in booth.hosts.all()),
                "slug": booth.slug,
                "title": booth.title,
                "summary": booth.summary,
                "theme": booth.theme.title if booth.theme_id else None,
                "order": booth.order,
            }
            for booth in event.booths.all()
        ],
        "attendees": [
            {
                "person": a.user.username,
                "education": education_ref(a.education),
                "role": a.role,
                "checked_in": a.checked_in_at is not None,
                "invited_at": iso(a.invited_at),
                "checked_in_at": iso(a.checked_in_at),
                "checked_in_by": person_ref(a.checked_in_by),
                "pre_registrations": sorted(p.booth.slug for p in a.pre_registrations.all()),
            }
            for a in event.attendees.all()
        ],
        "interest_cards": [
            {
                "visitor": card.visitor.username,
                "booth": card.booth.slug,
                "commitment": card.commitment,
                "take_home": card.take_home,
                "visited": card.visited,
                "created_at": iso(card.created_at),
                "updated_at": iso(card.updated_at),
            }
            for card in cards
        ],
        "start_time": _time(event.start_time),
        "end_time": _time(event.end_time),
        "place": event.place,
        "description": event.description,
        "institutions": sorted(i.slug for i in event.institutions.all()),
        "survey_after_days": event.survey_after_days,
        "created_by": person_ref(event.created_by),
        "themes": [
            {"title": theme.title, "order": theme.order}
            for theme in sorted(event.themes.all(), key=lambda t: (t.order, t.title))
        ],
        "working_group_members": [
            {"person": m.user.username, "role": m.role, "education": education_ref(m.education)}
            for m in members
        ],
        "rounds": [
            {
                "kind": r.kind,
                "theme": r.theme.title if r.theme_id else None,
                "starts_at": _time(r.starts_at),
                "ends_at": _time(r.ends_at),
                "order": r.order,
                "slots": [
                    {"booth": s.booth.slug, "order": s.order, "starts_at": _time(s.starts_at)}
                    for s in r.slots.all()
                ],
            }
            for r in event.rounds.all()
        ],
        "status_history": [
            {
                "from": change.from_status,
                "to": change.to_status,
                "by": person_ref(change.by),
                "at": iso(change.at),
            }
            for change in event.status_changes.all()
        ],
    }


def events_rows(chunk_size: int, row_fields: Sequence[RowField] = ()) -> Iterator[dict]:
    events, cards = events_queryset()
    events = events.prefetch_related(*(f.prefetch for f in row_fields))
    for event in events:
        # The cards of one event at a time (they are the large part).
        event_cards = list(cards.filter(booth__event=event))
        yield with_row_fields(event_row(event, event_cards), event, row_fields)


def import_events(ctx: Context, source: Source) -> None:
    rows = [parse_event(item) for item in read_section(source, KEY)]
    if rows:
        EventWrite(ctx, rows).run()


SECTIONS = [Section(KEY, events_rows, import_events)]
# Each event's row also holds its follow-up groups (portability_groups.py) and its effect
# surveys with their answers (portability_effect.py: two queries per event).
ROW_FIELDS = [
    *GROUP_FIELDS,
    RowField(section=KEY, key=EFFECT_KEY, after="groups", prefetch="surveys", value=effect_rows),
]

"""A bazar event with two participating institutions, their educations, and the people
around it: an administrator, a working-group member, invited leader and teacher, and staff
who are not invited."""

import datetime

import pytest

from bazar import services
from bazar.enums import EventStatus, PersonRole
from bazar.models import BazarEvent
from labportal.organisation.models import Education
from tests.factories import InstitutionFactory


@pytest.fixture
def institutions(db):
    return [InstitutionFactory(name="KEA"), InstitutionFactory(name="TEC")]


@pytest.fixture
def educations(institutions):
    """Three educations: two at KEA, one at TEC."""
    kea, tec = institutions
    return [
        Education.objects.create(institution=kea, slug="bio", name="Bioanalytiker"),
        Education.objects.create(institution=kea, slug="byg", name="Bygningskonstruktør"),
        Education.objects.create(institution=tec, slug="el", name="Elektriker"),
    ]


@pytest.fixture
def people(make_user):
    return {
        "administrator": make_user("administrator"),
        "member": make_user("staff"),
        "leader": make_user("leader"),
        "teacher": make_user("staff"),
        "staff": make_user("staff"),
        "nobody": make_user(None),
    }


def set_status(event: BazarEvent, status: EventStatus) -> BazarEvent:
    """Put the event in `status` directly (tests of what a status allows)."""
    BazarEvent.objects.filter(pk=event.pk).update(status=status)
    event.refresh_from_db()
    return event


@pytest.fixture
def make_event(people, institutions, educations):
    """make_event(status="planning", **fields): an event made by the administrator, with
    both institutions participating, `member` in its working group and `leader` (leader)
    and `teacher` (teacher) invited for the first education."""

    def make(status=EventStatus.PLANNING, **fields):
        admin = people["administrator"]
        fields = {
            "title": "Bazar på KEA",
            "date": datetime.date(2030, 5, 1),
            "start_time": datetime.time(9, 0),
            "end_time": datetime.time(15, 0),
            "place": "KEA Guldbergsgade",
            "institutions": institutions,
            **fields,
        }
        event = services.event_create(by=admin, **fields)
        services.working_group_add(
            event=event, by=admin, user=people["member"], role=PersonRole.TEACHER
        )
        for name, role in (("leader", PersonRole.LEADER), ("teacher", PersonRole.TEACHER)):
            services.attendee_invite(
                event=event, by=admin, user=people[name], education=educations[0], role=role
            )
        return set_status(event, status)

    return make


@pytest.fixture
def event(make_event):
    return make_event()


# --- the visitor pages (tests/bazar/test_pages_visitor.py, test_visitor_*.py) ------------


def add_booths(event, admin, n: int, *, themes=()):
    """`n` booths (each for an experiment of its own); the event must be in planning or open."""
    from tests.factories import ExperimentFactory

    booths = []
    for i in range(n):
        experiment = ExperimentFactory(title=f"Stand-eksperiment {i}")
        theme = themes[i % len(themes)] if themes else None
        booths.append(services.booth_add(event=event, by=admin, experiment=experiment, theme=theme))
    return booths


@pytest.fixture
def make_bazar(make_event, people):
    """make_bazar(status, booths=2, themes=0): the event with booths and pitch rounds, the
    leader checked in when the event runs (the teacher is invited but not checked in)."""

    def make(status="running", booths=2, themes=0, **fields):
        admin = people["administrator"]
        event = make_event("open", **fields)
        made = [services.theme_add(event=event, by=admin, title=f"Tema {i}") for i in range(themes)]
        stands = add_booths(event, admin, booths, themes=made)
        pitch = services.round_add(
            event=event,
            by=admin,
            kind="round_1",
            starts_at=datetime.time(9, 30),
            ends_at=datetime.time(10, 30),
        )
        for stand in stands:
            services.slot_add(round=pitch, by=admin, booth=stand)
        if status in ("running", "closed", "follow_up", "mapped"):
            from bazar.models import Attendee

            set_status(event, "running")
            leader = Attendee.objects.get(event=event, user=people["leader"])
            services.attendee_check_in(event=event, by=admin, attendee=leader, present=True)
        event = set_status(event, status)
        return event, stands

    return make


# --- follow-up groups and workshops (tests/bazar/test_groups*.py, test_workshops*.py) ------


def add_card(booth, user, commitment, education=None, text=""):
    """A card written directly (with the visitor's Attendee row for `education`)."""
    from bazar.models import Attendee, InterestCard

    if education is not None:
        Attendee.objects.get_or_create(
            event=booth.event, user=user, defaults={"education": education, "role": "teacher"}
        )
    return InterestCard.objects.create(
        booth=booth, visitor=user, commitment=commitment, take_home=text
    )


@pytest.fixture
def groups_world(make_bazar, people, educations, make_user):
    """A finished bazar in follow-up with a known set of cards. Booth 0: `leader`
    (Bioanalytiker, KEA) try, a1 (Bioanalytiker) implement, a2 (Bioanalytiker) try, b1
    (Bygningskonstruktør, KEA) try, c1 (Elektriker, TEC) implement, c2 (Elektriker)
    inspiration (never suggested). Booth 1: c1 try."""
    event, booths = make_bazar("running", booths=2)
    bio, byg, el = educations
    users = {name: make_user("staff", username=name) for name in ("a1", "a2", "b1", "c1", "c2")}
    users["leader"] = people["leader"]
    cards = {
        "leader": add_card(booths[0], people["leader"], "try"),
        "a1": add_card(booths[0], users["a1"], "implement", bio, "Vi prøver det i efteråret."),
        "a2": add_card(booths[0], users["a2"], "try", bio),
        "b1": add_card(booths[0], users["b1"], "try", byg),
        "c1": add_card(booths[0], users["c1"], "implement", el),
        "c2": add_card(booths[0], users["c2"], "inspiration", el),
        "c1-1": add_card(booths[1], users["c1"], "try"),
    }
    event = set_status(event, "follow_up")
    return {"event": event, "booths": booths, "users": users, "cards": cards, **people}

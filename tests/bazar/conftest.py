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

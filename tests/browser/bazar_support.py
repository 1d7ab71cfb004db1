"""A bazar for the browser tests: an administrator's event at KEA with one booth and a
leader ("leder", password "secret-password") invited to it; the tests move it on."""

import datetime

from bazar import services
from labportal.accounts.enums import Role
from labportal.organisation.models import Education
from tests.factories import ExperimentFactory, InstitutionFactory, UserFactory


def event_with_an_invited_leader(**experiment):
    """(admin, leader, event, booth); `experiment` goes to the booth's ExperimentFactory."""
    admin = UserFactory(username="admin", roles=[Role.STAFF, Role.ADMINISTRATOR])
    leader = UserFactory(username="leder", roles=[Role.STAFF, Role.LEADER])
    kea = InstitutionFactory(name="KEA")
    education = Education.objects.create(institution=kea, slug="bio", name="Bioanalytiker")
    event = services.event_create(
        by=admin,
        title="Projekt Bazar",
        date=datetime.date(2030, 5, 1),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(15, 0),
        place="KEA",
        institutions=[kea],
    )
    booth = services.booth_add(event=event, by=admin, experiment=ExperimentFactory(**experiment))
    services.attendee_invite(event=event, by=admin, user=leader, education=education, role="leader")
    return admin, leader, event, booth

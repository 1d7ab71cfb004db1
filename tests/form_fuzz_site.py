"""What the form fuzz tests share: a small portal (`site`), choices of ids, and the count of
what the examples came to."""

import pytest
from hypothesis import strategies as st

from concepts.models import Concept
from labportal.notifications.models import Notification
from labportal.organisation.models import DevelopmentLab
from tests.factories import ExperimentFactory, InstitutionFactory, TrackFactory, UserFactory
from tests.fuzz_support import (
    changed_tables,
    form_errors,
    snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(name="site")
def site_fixture(db):
    """An administrator on an experiment's team (so every move of the wheel is open to
    them in the right phase), a second program, a concept and a notification."""
    admin = UserFactory(username="admin", roles=["staff", "administrator"], is_staff=True)
    strategic = UserFactory(username="strategic", roles=["staff", "strategic"])
    member = UserFactory(username="member", roles=["staff"])
    lab = DevelopmentLab.objects.create(slug="lab", name="Lab")
    track = TrackFactory(program__lab=lab, program__owner=strategic)
    other_track = TrackFactory()
    experiment = ExperimentFactory(track=track, owner=strategic)
    experiment.memberships.create(user=admin)
    experiment.memberships.create(user=member)
    Concept.objects.create(slug="tre-rum", title="Tre rum", program=track.program)
    Notification.objects.create(recipient=admin, subject="Hej", url="/")
    return {
        "admin": admin,
        "strategic": strategic,
        "member": member,
        "users": [admin, strategic, member],
        "tracks": [track, other_track],
        "institution": InstitutionFactory(),
        "experiment": experiment,
    }


def ids(objects) -> st.SearchStrategy:
    return st.sampled_from([str(obj.pk) for obj in objects])


class Outcomes:
    """Counts what the examples came to; the test asserts both happened."""

    def __init__(self):
        self.done = self.refused = 0

    def check(self, response, before: dict, *, done: bool, exclude=()) -> None:
        assert response.status_code < 500
        if done:
            self.done += 1
            return
        self.refused += 1
        assert response.status_code >= 400 or form_errors(response), response.status_code
        assert changed_tables(before, snapshot(exclude=exclude)) == []

    def assert_both(self):
        assert self.done > 0, "no example was accepted"
        assert self.refused > 0, "no example was refused"

"""A program with its owner, a track, experiments and a theory, for the page and editor tests
(tests/changetheory/test_views.py, test_editor.py)."""

import pytest
from django.urls import reverse

from changetheory import services
from labportal.accounts.enums import Role
from tests.factories import ExperimentFactory, ProgramFactory, TrackFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(name="world")
def world_fixture(db):
    owner = UserFactory(
        username="ejer", first_name="Ella", last_name="Ejer", roles=[Role.STAFF, Role.STRATEGIC]
    )
    program = ProgramFactory(slug="ledelse", title="Nye ledelsesformer", owner=owner)
    track = TrackFactory(program=program, slug="udforskende", title="Udforskende ledelse")
    other_program = ProgramFactory(slug="andet", title="Et andet program")
    theory = services.theory_create(subject=program, by=owner)
    return {
        "owner": owner,
        "admin": UserFactory(
            username="admin", roles=[Role.STAFF, Role.ADMINISTRATOR], is_staff=True
        ),
        "staff": UserFactory(username="medarbejder", roles=[Role.STAFF]),
        "leader": UserFactory(username="leder", roles=[Role.STAFF, Role.LEADER]),
        "stranger": UserFactory(username="fremmed", roles=[Role.STAFF, Role.STRATEGIC]),
        "program": program,
        "track": track,
        "other_program": other_program,
        "theory": theory,
        "experiment": ExperimentFactory(title="Tre rum i praksis", track=track),
        "foreign": ExperimentFactory(title="Fremmed forsøg", track__program=other_program),
    }


def url(name: str, theory, **query) -> str:
    path = reverse(f"changetheory:{name}", args=[theory.slug])
    if query:
        from urllib.parse import urlencode

        path += "?" + urlencode(query)
    return path


def version_of(theory) -> int:
    theory.refresh_from_db(fields=["version"])
    return theory.version


def post(client, name, theory, data, htmx=True):
    return client.post(url(name, theory), data, **(HTMX if htmx else {}))


def add_sign(world, text, by=None):
    theory = world["theory"]
    return services.sign_add(
        theory=theory, by=by or world["owner"], expected_version=version_of(theory), text=text
    )

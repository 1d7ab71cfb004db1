"""The experiment list's test world: two labs, programs, tracks and institutions, four
experiments spread over them, and a staff member reading English."""

import re

import pytest

from concepts.models import Concept
from experiments.enums import Phase
from labportal.organisation.models import DevelopmentLab
from tests.factories import (
    ExperimentFactory,
    InstitutionFactory,
    ProgramFactory,
    TrackFactory,
)

URL = "/experiments/"


@pytest.fixture
def world():
    """Two labs, programs, tracks and institutions; four experiments spread over them."""
    lab_a = DevelopmentLab.objects.create(slug="ledelse", name="Ledelse og Styring")
    lab_b = DevelopmentLab.objects.create(slug="didaktik", name="Didaktik")
    program_a = ProgramFactory(slug="nye-former", title="Nye former", lab=lab_a)
    program_b = ProgramFactory(slug="digital", title="Digital didaktik", lab=lab_b)
    track_a = TrackFactory(
        slug="relationsbaseret", title="Relationsbaseret ledelse", program=program_a
    )
    track_b = TrackFactory(slug="udforskende", title="Udforskende ledelse", program=program_a)
    track_c = TrackFactory(slug="digitalt-spor", title="Digitalt spor", program=program_b)
    tec = InstitutionFactory(slug="tec", name="TEC")
    kea = InstitutionFactory(slug="kea", name="KEA")
    experiments = {
        "alfa": ExperimentFactory(
            slug="alfa", title="Alfa", track=track_a, institution=tec, phase=Phase.DESIGN
        ),
        "beta": ExperimentFactory(
            slug="beta", title="Beta", track=track_a, institution=kea, phase=Phase.ACTION
        ),
        "gamma": ExperimentFactory(
            slug="gamma", title="Gamma", track=track_b, institution=tec, phase=Phase.ACTION
        ),
        "delta": ExperimentFactory(
            slug="delta", title="Delta", track=track_c, institution=kea, phase=Phase.PRE
        ),
    }
    concept = Concept.objects.create(
        slug="tifs", title="TIFS-model", program=program_a, status="published"
    )
    concept.source_experiments.add(experiments["alfa"], experiments["gamma"])
    return experiments


def titles(response) -> list[str]:
    """The card titles as rendered."""
    html = response.content.decode()
    return re.findall(r'<li class="card"><h2><a href="[^"]+">([^<]*)</a>', html)


@pytest.fixture
def staff_client(client_for, staff_user, settings):
    client = client_for(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the assertions read English
    return client

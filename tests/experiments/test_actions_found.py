"""Actions people can find: "Nyt eksperiment" and "Importér et hæfte" on the list and the
dashboard for those allowed (and only for them), the administrators' tools on their
dashboard, and a new iteration's link at once after the decision."""

import pytest
from django.urls import reverse

from experiments.enums import Decision, Phase
from experiments.models import Experiment
from tests.experiments.wheel_support import experiment_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CREATE, IMPORT = reverse("experiments:create"), reverse("experiments:booklet_import")


@pytest.mark.parametrize(
    ("roles", "create", "import_"),
    [
        (["staff"], False, False),
        (["staff", "leader"], False, False),
        (["staff", "strategic"], True, False),
        (["staff", "administrator"], True, True),
    ],
)
def test_the_list_and_dashboard_offer_what_the_person_may_do(client_for, roles, create, import_):
    client = client_for(UserFactory(roles=roles))
    listing = client.get(reverse("experiments:list")).content.decode()
    dashboard = client.get("/").content.decode()
    assert (f'href="{CREATE}"' in listing) is create
    assert (f'href="{IMPORT}"' in listing) is import_
    assert (f'href="{CREATE}"' in dashboard) is create
    assert (f'href="{IMPORT}"' in dashboard) is import_  # the administrators' tools
    assert (f'href="{reverse("admin:index")}"' in dashboard) is import_
    assert (f'href="{reverse("concepts:publications")}"' in dashboard) is import_


@pytest.mark.parametrize("htmx", [False, True])
def test_a_new_iteration_is_linked_at_once(client_for, htmx):
    owner = UserFactory(roles=["staff", "strategic"])
    experiment = experiment_in(Phase.IMPLEMENTATION, owner=owner)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_for(owner).post(
        reverse("experiments:decide", kwargs={"slug": experiment.slug}),
        {
            "decide-expected_phase": "implementation",
            "decide-note": "Vi prøver igen på to hold",
            "decide-decision": Decision.NEW_ITERATION,
        },
        follow=not htmx,
        **headers,
    )
    follow_up = Experiment.objects.get(parent=experiment)
    html = response.content.decode()
    assert f'<a href="{follow_up.get_absolute_url()}">{follow_up.title}</a>' in html

"""The edit-history page: who changed which field, old and new; a page of its own without
JavaScript, the list only for htmx (swapped into the experiment page)."""

import pytest
from django.urls import reverse

from experiments import services
from experiments.enums import Phase
from experiments.selectors import HISTORY_LIMIT
from tests.experiments.wheel_support import experiment_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

HTMX = {"HTTP_HX_REQUEST": "true"}


def history_url(experiment) -> str:
    return reverse("experiments:history", kwargs={"slug": experiment.slug})


def test_history_is_for_team_strategic_and_admins(client_for, wheel):
    experiment = wheel["experiment"]
    services.experiment_update(
        experiment=experiment, by=wheel["member"], data={"summary": "Nyt resumé"}
    )
    for who, status in [("member", 200), ("strategic", 200), ("admin", 200), ("outsider", 403)]:
        response = client_for(wheel[who]).get(history_url(experiment))
        html = response.content.decode()
        assert response.status_code == status, who
        assert ("Nyt resumé" in html) is (status == 200), who
        if status == 200:
            edits = html[html.index('<ol class="edit-history">') :]
            assert "Nyt resumé" in edits
            assert str(wheel["member"]) in edits
            assert f'href="{experiment.get_absolute_url()}"' in html


def test_history_shows_field_old_and_new_newest_first(client_for, wheel):
    experiment = wheel["experiment"]
    services.experiment_update(experiment=experiment, by=wheel["member"], data={"summary": "Et"})
    services.experiment_update(experiment=experiment, by=wheel["colleague"], data={"summary": "To"})
    html = client_for(wheel["member"]).get(history_url(experiment)).content.decode()
    edits = html[html.index('<ol class="edit-history">') :]
    assert edits.count('<li class="edit">') == 2
    newest, oldest = edits.split('<li class="edit">')[1:3]
    assert str(wheel["colleague"]) in newest
    assert '<td class="edit-old">Et</td><td class="edit-new">To</td>' in newest
    assert '<td class="edit-new">Et</td>' in oldest


def test_no_edits_says_so(client_for, wheel):
    html = client_for(wheel["member"]).get(history_url(wheel["experiment"])).content.decode()
    assert "empty-state" in html
    assert '<ol class="edit-history">' not in html


def test_htmx_gets_the_list_and_plain_gets_the_page(client_for, wheel):
    experiment = wheel["experiment"]
    services.experiment_update(experiment=experiment, by=wheel["member"], data={"summary": "Ny"})
    client = client_for(wheel["member"])
    full = client.get(history_url(experiment))
    partial = client.get(history_url(experiment), **HTMX)
    full_html, partial_html = full.content.decode(), partial.content.decode()
    assert "<html" in full_html
    assert 'id="history-title"' in full_html
    assert 'id="edit-history"' in full_html
    assert "<html" not in partial_html
    assert 'id="history-title"' not in partial_html
    assert partial_html.strip().startswith('<ol class="edit-history">')
    assert '<td class="edit-new">Ny</td>' in partial_html
    assert "HX-Request" in full["Vary"]
    assert "HX-Request" in partial["Vary"]
    assert "style=" not in full_html
    assert "<script>" not in full_html


def test_outsider_gets_403_also_with_htmx(client_for, wheel):
    response = client_for(wheel["outsider"]).get(history_url(wheel["experiment"]), **HTMX)
    assert response.status_code == 403
    assert "edit-history" not in response.content.decode()


def test_unknown_slug_is_404(client_for, wheel):
    response = client_for(wheel["member"]).get("/experiments/findes-ikke/history/")
    assert response.status_code == 404


def test_post_is_refused(client_for, wheel):
    response = client_for(wheel["member"]).post(history_url(wheel["experiment"]))
    assert response.status_code == 405


def test_history_is_capped_at_the_latest_edits(client_for, wheel):
    experiment = wheel["experiment"]
    for i in range(HISTORY_LIMIT + 2):
        services.experiment_update(
            experiment=experiment, by=wheel["member"], data={"summary": f"resumé {i}"}
        )
    html = client_for(wheel["member"]).get(history_url(experiment), **HTMX).content.decode()
    assert html.count('<li class="edit">') == HISTORY_LIMIT
    assert f"resumé {HISTORY_LIMIT + 1}</td>" in html
    assert "resumé 0</td>" not in html
    assert f"{HISTORY_LIMIT}" in html.split('<ol class="edit-history">')[0]


# --- constant queries ---------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("n", [5, 60])
def test_history_page_queries_do_not_grow(client_for, wheel, django_assert_num_queries, n, htmx):
    experiment = experiment_in(Phase.ACTION, team=[wheel["member"]], owner=wheel["owner"])
    for i in range(n):
        services.experiment_update(
            experiment=experiment, by=wheel["member"], data={"summary": f"resumé {i}"}
        )
    client = client_for(wheel["member"])
    client.get(history_url(experiment))  # warm up the session
    headers = HTMX if htmx else {}
    with django_assert_num_queries(QUERIES_HISTORY_HTMX if htmx else QUERIES_HISTORY):
        response = client.get(history_url(experiment), **headers)
    assert response.content.decode().count('<li class="edit">') == n


# user, groups, experiment (lean row), team ids, history records (the unread count of the base
# template and the session come from the cache). Only summaries change here; an edit of a
# related field (program, track, ...) adds one query per kind of related object, whatever
# the number of edits.
QUERIES_HISTORY = 5
# The htmx list has no base template (and the unread count is cached anyway).
QUERIES_HISTORY_HTMX = 5

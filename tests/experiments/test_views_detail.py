"""The experiment page: sections, wheel, history, and the htmx moves on the wheel."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from experiments import services
from experiments.enums import Phase
from experiments.models import Experiment, PhaseTransition
from labportal.core import fragments
from tests.experiments.wheel_support import experiment_in, staff
from tests.factories import TeamMembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, experiment):
    return reverse(f"experiments:{name}", kwargs={"slug": experiment.slug})


def page(client, experiment, **headers):
    response = client.get(url("detail", experiment), **headers)
    return response, response.content.decode()


def test_sections_follow_the_booklet_order(client_for, wheel):
    from concepts.models import Concept

    experiment = wheel["experiment"]
    experiment.conceptualisable_elements = "Elementer"
    experiment.attention_points = ["Pas på"]
    experiment.concept_phases = ["Trin 1", "Trin 2"]
    experiment.save()
    concept = Concept.objects.create(
        slug="tifs", title="TIFS-model", program=experiment.program, status="published"
    )
    concept.source_experiments.add(experiment)
    response, html = page(client_for(wheel["outsider"]), experiment)
    assert response.status_code == 200
    order = [
        'id="experiment-title"',
        experiment.institution.name,
        experiment.program.title,
        experiment.track.title,
        'id="sec-concepts"',
        'href="/concepts/tifs/"',
        'id="sec-challenge"',
        'id="sec-hypothesis"',
        'id="sec-actions"',
        "Første aktion",
        'id="sec-findings"',
        'id="sec-elements"',
        'id="sec-attention"',
        "Pas på",
        'id="sec-phases"',
        "Trin 2",
        'id="sec-team"',
        'id="sec-wheel"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert str(wheel["member"]) in html


def test_the_wheel_picture_marks_the_current_phase(client_for, wheel):
    experiment = experiment_in(Phase.ANALYSIS)
    _response, html = page(client_for(wheel["outsider"]), experiment)
    svg = html[html.index('<svg class="wheel-svg"') : html.index("</svg>", html.index("wheel-svg"))]
    assert svg.count("<path ") == 6
    assert svg.count("wheel-current") == 1
    assert "wheel-current wheel-phase-analysis" in svg
    assert svg.count("wheel-done") == 3
    assert 'role="img"' in svg
    assert 'aria-labelledby="wheel-title wheel-desc"' in svg
    current = re.search(r'<li class="wheel-legend-item wheel-current" aria-current="step">', html)
    assert current is not None
    for phase in Phase:
        assert str(phase.label) in html
        assert str(phase.dna) in html
    assert "style=" not in html
    assert "<style" not in html
    assert "/static/css/experiments.css" in html


def test_markdown_is_sanitised(client_for, wheel):
    experiment = wheel["experiment"]
    experiment.findings = [
        "Fund <script>alert('x')</script> **fed**",
        "<img src=x onerror=alert(1)>",
    ]
    experiment.challenge = "[klik](javascript:alert(1))"
    experiment.save()
    _response, html = page(client_for(wheel["outsider"]), experiment)
    assert "<script>alert" not in html
    assert "onerror" not in html
    # The javascript: link is not made (its Markdown stays as text, escaped).
    assert 'href="javascript:' not in html
    assert "[klik](javascript:alert(1))" in html
    assert "<strong>fed</strong>" in html


def test_unknown_slug_is_404(client_for, wheel):
    response = client_for(wheel["member"]).get("/experiments/findes-ikke/")
    assert response.status_code == 404


def test_htmx_gets_the_panel_and_plain_gets_the_page(client_for, wheel):
    client = client_for(wheel["member"])
    full, full_html = page(client, wheel["experiment"])
    partial, partial_html = page(client, wheel["experiment"], **HTMX)
    assert "<html" in full_html
    assert "<html" not in partial_html
    assert partial_html.lstrip().startswith('<section id="wheel-panel"')
    assert "HX-Request" in full["Vary"]
    assert "HX-Request" in partial["Vary"]


def test_registered_version_and_changed_marker(client_for, wheel):
    experiment = wheel["experiment"]
    services.experiment_launch(
        experiment=experiment, by=wheel["owner"], note="Afsted", expected_phase="pre"
    )
    client = client_for(wheel["member"])
    _r, html = page(client, experiment)
    assert html.count("unchanged-marker") == 2
    assert " changed-marker" not in html
    services.experiment_update(
        experiment=experiment, by=wheel["member"], data={"hypothesis": "Hvis vi prøver noget nyt"}
    )
    _r, html = page(client, experiment)
    registered = html[html.index('id="sec-registered"') :]
    assert registered.count(" changed-marker") == 1
    assert "Hvis vi mødes oftere" in registered
    assert "Hvis vi prøver noget nyt" in registered


def test_edit_history_link_is_for_team_strategic_and_admins(client_for, wheel):
    """The page itself no longer carries the history: it links to the history page, which
    htmx loads in place (tests/experiments/test_views_history.py tests that page)."""
    experiment = wheel["experiment"]
    services.experiment_update(
        experiment=experiment, by=wheel["member"], data={"summary": "Nyt resumé"}
    )
    history = url("history", experiment)
    for who, shown in [("member", True), ("strategic", True), ("admin", True), ("outsider", False)]:
        _r, html = page(client_for(wheel[who]), experiment)
        assert ('id="sec-edits"' in html) is shown, who
        assert (history in html) is shown, who
        if shown:
            section = html[html.index('id="sec-edits"') :]
            section = section[: section.index("</section>")]
            assert f'href="{history}"' in section
            assert f'hx-get="{history}"' in section
            assert 'hx-target="#edit-history"' in section
            assert 'id="edit-history"' in section
            assert "Nyt resumé" not in section


# --- moves through the page ---------------------------------------------------------------


def post(client, name, experiment, data, **headers):
    return client.post(url(name, experiment), data, **headers)


def test_plain_post_moves_and_redirects_with_a_message(client_for, wheel):
    experiment = experiment_in(Phase.DESIGN, team=[wheel["member"]])
    client = client_for(wheel["member"])
    data = {"advance-expected_phase": "design", "advance-to_phase": "action", "advance-note": "Nu"}
    response = post(client, "advance", experiment, data)
    assert response.status_code == 302
    assert response["Location"] == url("detail", experiment)
    assert Experiment.objects.get(pk=experiment.pk).phase == "action"
    html = client.get(response["Location"]).content.decode()
    assert str(Phase.ACTION.label) in html
    assert "alert-success" in html


def test_htmx_post_returns_the_panel_with_the_new_history_entry(client_for, wheel):
    experiment = experiment_in(Phase.DESIGN, team=[wheel["member"]])
    client = client_for(wheel["member"])
    data = {"advance-expected_phase": "design", "advance-to_phase": "action", "advance-note": "Nu"}
    response = post(client, "advance", experiment, data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    transition = PhaseTransition.objects.get(experiment=experiment)
    assert f'id="transition-{transition.pk}"' in html
    assert "wheel-current wheel-phase-action" in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("htmx", [False, True])
def test_missing_note_is_400_and_changes_nothing(client_for, wheel, htmx):
    experiment = experiment_in(Phase.DESIGN, team=[wheel["member"]])
    data = {"advance-expected_phase": "design", "advance-to_phase": "action", "advance-note": ""}
    headers = HTMX if htmx else {}
    response = post(client_for(wheel["member"]), "advance", experiment, data, **headers)
    assert response.status_code == 400
    assert "form-error-message" in response.content.decode()
    assert Experiment.objects.get(pk=experiment.pk).phase == "design"
    assert not PhaseTransition.objects.filter(experiment=experiment).exists()


def test_wrong_role_is_403_and_changes_nothing(client_for, wheel):
    experiment = wheel["experiment"]
    data = {"launch-expected_phase": "pre", "launch-note": "Jeg prøver"}
    response = post(client_for(wheel["member"]), "launch", experiment, data, **HTMX)
    assert response.status_code == 403
    assert "alert-error" in response.content.decode()
    assert Experiment.objects.get(pk=experiment.pk).phase == "pre"


def test_skipped_phase_is_400(client_for, wheel):
    experiment = experiment_in(Phase.DESIGN, team=[wheel["member"]])
    data = {"advance-expected_phase": "design", "advance-to_phase": "concept", "advance-note": "!"}
    response = post(client_for(wheel["member"]), "advance", experiment, data)
    assert response.status_code == 400
    assert Experiment.objects.get(pk=experiment.pk).phase == "design"


@pytest.mark.parametrize("htmx", [False, True])
def test_stale_form_is_409_and_keeps_the_note(client_for, wheel, htmx):
    experiment = experiment_in(Phase.DESIGN, team=[wheel["member"], wheel["colleague"]])
    services.experiment_advance(
        experiment=experiment, by=wheel["colleague"], note="Først", expected_phase="design"
    )
    data = {
        "advance-expected_phase": "design",
        "advance-to_phase": "action",
        "advance-note": "Min lange note om designet",
    }
    headers = HTMX if htmx else {}
    response = post(client_for(wheel["member"]), "advance", experiment, data, **headers)
    html = response.content.decode()
    assert response.status_code == 409
    assert str(Phase.ACTION.label) in html
    # The note is back in the form, which now starts from the phase the experiment is in.
    assert re.search(
        r"<textarea[^>]*name=\"advance-note\"[^>]*>\s*Min lange note om designet", html
    )
    assert 'name="advance-expected_phase" value="action"' in html
    assert PhaseTransition.objects.filter(experiment=experiment).count() == 1


def test_decide_form_records_a_decision(client_for, wheel):
    experiment = experiment_in(Phase.IMPLEMENTATION, owner=wheel["owner"])
    data = {
        "decide-expected_phase": "implementation",
        "decide-decision": "adopted",
        "decide-note": "Ja",
    }
    response = post(client_for(wheel["owner"]), "decide", experiment, data)
    assert response.status_code == 302
    assert Experiment.objects.get(pk=experiment.pk).decision == "adopted"


def test_step_back_form(client_for, wheel):
    experiment = experiment_in(Phase.ACTION, team=[wheel["member"]])
    data = {"back-expected_phase": "action", "back-to_phase": "design", "back-note": "Om igen"}
    response = post(client_for(wheel["member"]), "step_back", experiment, data, **HTMX)
    assert response.status_code == 200
    assert Experiment.objects.get(pk=experiment.pk).phase == "design"


def test_only_open_moves_are_offered(client_for, wheel):
    experiment = wheel["experiment"]
    _r, member_html = page(client_for(wheel["member"]), experiment)
    _r, owner_html = page(client_for(wheel["owner"]), experiment)
    assert url("launch", experiment) not in member_html
    assert f'hx-post="{url("launch", experiment)}"' in owner_html
    assert url("advance", experiment) not in owner_html


# --- constant queries ---------------------------------------------------------------------


@pytest.mark.parametrize("n", [5, 60])
def test_detail_page_queries_do_not_grow(client_for, wheel, django_assert_num_queries, n):
    from concepts.models import Concept

    experiment = experiment_in(Phase.ACTION, team=[wheel["member"]], owner=wheel["owner"])
    for _i in range(n):
        TeamMembershipFactory(experiment=experiment, user=staff())
    for i in range(n):
        PhaseTransition.objects.create(
            experiment=experiment,
            kind="forward",
            from_phase="design",
            to_phase="action",
            by=wheel["member"],
            at=experiment.created_at,
            note=f"note {i}",
        )
        concept = Concept.objects.create(
            slug=f"k-{i}", title=f"Koncept {i}", program=experiment.program, status="published"
        )
        concept.source_experiments.add(experiment)
    for i in range(n // 5):
        services.experiment_update(
            experiment=experiment, by=wheel["member"], data={"summary": f"resumé {i}"}
        )
    client = client_for(wheel["member"])
    client.get(url("detail", experiment))  # warm up the session
    cache.delete(fragments.GENERATION_KEY)  # nothing rendered yet
    with django_assert_num_queries(QUERIES_DETAIL):
        response = client.get(url("detail", experiment))
    assert response.content.decode().count('class="timeline-item') == n
    with django_assert_num_queries(QUERIES_DETAIL_CACHED):
        again = client.get(url("detail", experiment))
    assert again.content.decode().count('class="timeline-item') == n
    assert again.content.decode().count('<li><a href="/concepts/k-') == n


# user, groups, experiment (+ EXISTS flags), team, transitions, concepts (it has some;
# iterations are skipped: it has none); the session and the header's unread count come from
# the cache. The edit history has a page of its own (experiments:history, loaded on demand),
# so it costs the experiment page no query. The wheel section's parts from other apps
# (labportal/core/parts.py `experiment_page`: the change theories and signs it serves, and
# what the bazars made of it) add one each. Once rendered, the experiment and the parts of its
# page that read the same for everyone come from the fragment cache.
QUERIES_DETAIL = 8
QUERIES_DETAIL_CACHED = 2

"""End to end in Chromium: a team member moves an experiment on the wheel with htmx."""

import pytest
from playwright.sync_api import expect

from experiments.enums import Phase
from experiments.models import Experiment
from labportal.notifications.models import Notification
from tests.browser.helpers import assert_accessible, sign_in
from tests.experiments.wheel_support import eager_celery, experiment_in, staff  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("eager_celery"),
]

NOTE = "Designet er klar; vi går i gang med aktionerne."


def test_team_member_moves_the_experiment_forward(browser_page, live_url, shots_dir):
    page = browser_page
    mette = staff(username="mette", first_name="Mette", last_name="Lund")
    jens = staff(username="jens", first_name="Jens", last_name="Holm")
    experiment = experiment_in(Phase.DESIGN, team=[mette, jens], title="Tre rum i praksis")

    experiment_in(Phase.ACTION, team=[mette], title="Tre rum i aktion")

    sign_in(page, live_url, "mette", "secret-password")
    page.goto(f"{live_url}/experiments/")
    expect(page.locator("#experiment-results .card")).to_have_count(2)
    page.evaluate("() => { window.portalNoReload = true; }")
    page.locator("#filter-phase").select_option("design")
    expect(page.locator("#experiment-results .card")).to_have_count(1)
    expect(page).to_have_url(f"{live_url}/experiments/?phase=design")  # shareable, no empty fields
    assert page.evaluate("() => window.portalNoReload === true"), "htmx filtered in place"
    page.get_by_role("link", name="Tre rum i praksis").first.click()
    page.wait_for_load_state()
    assert page.url == f"{live_url}{experiment.get_absolute_url()}"
    expect(page.locator("svg.wheel-svg .wheel-current.wheel-phase-design")).to_have_count(1)
    assert_accessible(page)

    page.evaluate("() => { window.portalNoReload = true; }")
    page.locator("#id_advance-note").fill(NOTE)
    page.locator("form[hx-post$='/advance/'] button[type=submit]").click()

    expect(page.locator("svg.wheel-svg .wheel-current.wheel-phase-action")).to_have_count(1)
    expect(page.locator("#wheel-status [role=status]")).to_have_count(1)
    expect(page.locator(".timeline-item", has_text=NOTE)).to_have_count(1)
    assert page.evaluate("() => window.portalNoReload === true"), "htmx swapped, no reload"
    assert Experiment.objects.get(pk=experiment.pk).phase == "action"
    assert_accessible(page)
    page.screenshot(path=shots_dir / "experiment-wheel-moved.png", full_page=True)

    assert not Notification.objects.filter(recipient=mette).exists()  # she knows: she moved it
    page.context.clear_cookies()
    sign_in(page, live_url, "jens", "secret-password")
    page.goto(f"{live_url}/notifications/")
    link = page.locator(".notification-list a", has_text="Tre rum i praksis")
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{live_url}{experiment.get_absolute_url()}#transition-")
    assert Notification.objects.get(recipient=jens).read_at is not None

    assert page.portal_console == [], "console errors or CSP violations:\n" + "\n".join(
        page.portal_console
    )


def test_a_stale_form_keeps_the_note(browser_page, live_url):
    from experiments import services

    page = browser_page
    mette, jonas = staff(username="mette"), staff(username="jonas")
    experiment = experiment_in(Phase.DESIGN, team=[mette, jonas], title="Ledelse på tværs")
    sign_in(page, live_url, "mette", "secret-password")
    page.goto(f"{live_url}{experiment.get_absolute_url()}")
    services.experiment_advance(
        experiment=experiment, by=jonas, note="Jonas var hurtigere", expected_phase="design"
    )
    page.locator("#id_advance-note").fill(NOTE)
    page.locator("form[hx-post$='/advance/'] button[type=submit]").click()
    expect(page.locator("#wheel-status [role=alert]")).to_have_count(1)
    expect(page.locator("#id_advance-note")).to_have_value(NOTE)
    expect(page.locator("svg.wheel-svg .wheel-current.wheel-phase-action")).to_have_count(1)
    assert Experiment.objects.get(pk=experiment.pk).phase == "action"

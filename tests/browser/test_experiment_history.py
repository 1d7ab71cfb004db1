"""End to end in Chromium: the edit history loads into the experiment page on demand."""

import pytest
from playwright.sync_api import expect

from experiments import services
from experiments.enums import Phase
from tests.browser.helpers import assert_accessible, sign_in
from tests.experiments.wheel_support import eager_celery, experiment_in, staff  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("eager_celery"),
]


def test_team_member_opens_the_edit_history_in_place(browser_page, live_url):
    page = browser_page
    mette = staff(username="mette", first_name="Mette", last_name="Lund")
    experiment = experiment_in(Phase.DESIGN, team=[mette], title="Tre rum i praksis")
    services.experiment_update(
        experiment=experiment, by=mette, data={"summary": "Et nyt resumé efter mødet"}
    )
    sign_in(page, live_url, "mette", "secret-password")
    page.goto(f"{live_url}{experiment.get_absolute_url()}")
    expect(page.locator("#edit-history .edit")).to_have_count(0)
    page.evaluate("() => { window.portalNoReload = true; }")
    page.locator("#edit-history a").click()

    expect(page.locator("#edit-history .edit")).to_have_count(1)
    expect(page.locator("#edit-history .edit-new")).to_have_text("Et nyt resumé efter mødet")
    assert page.evaluate("() => window.portalNoReload === true"), "htmx swapped, no reload"
    assert page.url == f"{live_url}{experiment.get_absolute_url()}"
    assert_accessible(page)
    assert page.portal_console == [], "console errors or CSP violations:\n" + "\n".join(
        page.portal_console
    )

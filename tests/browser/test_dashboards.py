"""Every role's dashboard, on a phone and a desktop, with the demo's data: nothing wider
than the screen (a table scrolls inside its own box), and axe finds no serious problem
(including `scrollable-region-focusable`: a scrolling box can be reached by keyboard)."""

import pytest

from labportal.core.demo_loading import demo_content_load
from tests.browser.helpers import axe_violations, format_violations, sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
ROLES = {
    "staff": ["staff"],
    "strategic": ["staff", "strategic"],
    "leader": ["staff", "leader"],
    "administrator": ["staff", "administrator"],
}


@pytest.fixture
def people(db):
    demo_content_load()
    return {
        role: UserFactory(username=f"dash-{role}", first_name="Dorte", roles=roles)
        for role, roles in ROLES.items()
    }


@pytest.mark.parametrize("size", SIZES)
def test_every_roles_dashboard_fits_and_passes_axe(browser_page, live_url, people, size, shots_dir):
    page = browser_page
    page.set_viewport_size(SIZES[size])
    for role in ROLES:
        page.context.clear_cookies()
        sign_in(page, live_url, f"dash-{role}", "secret-password")
        page.goto(f"{live_url}/")
        page.screenshot(path=shots_dir / f"dashboard-{role}-{size}.png", full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= SIZES[size]["width"], f"{role} at {size}: the page is {width} px wide"
        violations = axe_violations(page, impacts=("minor", "moderate", "serious", "critical"))
        assert violations == [], f"{role} at {size}:\n" + format_violations(violations)

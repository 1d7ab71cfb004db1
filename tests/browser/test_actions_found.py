"""Actions people can find, on a phone and a desktop: the strategic level starts a new
experiment from the dashboard and the list; an administrator finds the booklet import and
their tools; a staff member is offered neither. Each button is on screen, inside the page's
width, and leads where it says."""

import pytest
from playwright.sync_api import expect

from labportal.core.demo_loading import demo_content_load
from tests.browser.helpers import sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture
def people(db):
    demo_content_load()
    roles = {"staff": ["staff"], "strategic": ["staff", "strategic"]}
    roles["administrator"] = ["staff", "administrator"]
    return {name: UserFactory(username=f"act-{name}", roles=r) for name, r in roles.items()}


def reachable(page, link) -> None:
    """The link is shown, within the page's width (nothing to scroll sideways for)."""
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= page.viewport_size["width"]


@pytest.mark.parametrize("size", SIZES)
def test_each_role_finds_what_it_may_do(browser_page, live_url, people, size):
    page = browser_page
    page.set_viewport_size(SIZES[size])
    sign_in(page, live_url, "act-strategic", "secret-password")
    for start in ("/", "/experiments/"):
        page.goto(f"{live_url}{start}")
        new = page.get_by_role("link", name="Nyt eksperiment")
        reachable(page, new)
        expect(page.get_by_role("link", name="Importér et hæfte")).to_have_count(0)
    new.click()
    expect(page).to_have_url(f"{live_url}/experiments/new/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_url, "act-administrator", "secret-password")
    page.goto(f"{live_url}/")
    for name in ("Udgivelser", "Django-administration"):
        reachable(page, page.get_by_role("link", name=name, exact=False).first)
    page.goto(f"{live_url}/experiments/")
    booklet = page.get_by_role("link", name="Importér et hæfte")
    reachable(page, booklet)
    booklet.click()
    expect(page).to_have_url(f"{live_url}/experiments/import/")

    page.context.clear_cookies()
    sign_in(page, live_url, "act-staff", "secret-password")
    for start in ("/", "/experiments/"):
        page.goto(f"{live_url}{start}")
        expect(page.get_by_role("link", name="Nyt eksperiment")).to_have_count(0)
        expect(page.get_by_role("link", name="Importér et hæfte")).to_have_count(0)

"""The experiment list as a new user meets it: on a phone the results come first (search,
then "Filtrér" with the number of active filters, then the results), active filters are
chips that remove themselves; on a desktop the search box lines up with the selects and the
button keeps its distance from the fields."""

import pytest
from playwright.sync_api import expect

from labportal.core.demo_loading import demo_content_load
from tests.browser.helpers import assert_accessible, sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


@pytest.fixture
def anna(db):
    demo_content_load()
    return UserFactory(username="anna", first_name="Anna", roles=["staff"])


def test_on_a_phone_the_results_come_first(browser_page, live_url, anna, shots_dir):
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, live_url, "anna", "secret-password")
    page.goto(f"{live_url}/experiments/?phase=design")
    disclosure = page.locator("details.list-filter-disclosure")
    assert disclosure.get_attribute("open") is None
    expect(disclosure.locator("summary")).to_contain_text("(1 aktivt)")
    first_card = page.locator("#experiment-results .card").first
    assert first_card.bounding_box()["y"] < PHONE["height"], "the first result is on screen"
    assert_accessible(page)
    page.screenshot(path=shots_dir / "list-phone.png", full_page=True)
    chips = page.locator(".filter-chips a")
    expect(chips).to_have_count(1)
    chips.first.click()
    expect(page.locator(".filter-chips a")).to_have_count(0)
    expect(disclosure.locator("summary")).not_to_contain_text("aktiv")
    assert page.url == f"{live_url}/experiments/"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_desktop_the_search_lines_up_with_the_selects(browser_page, live_url, anna):
    page = browser_page
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_url, "anna", "secret-password")
    page.goto(f"{live_url}/experiments/")
    search = page.locator("#filter-q").bounding_box()
    first_select = page.locator(".list-selects select").first.bounding_box()
    assert abs(search["y"] - first_select["y"]) < 2
    button = page.locator(".list-submit").bounding_box()
    field_above = page.locator("#filter-q").bounding_box()
    assert button["y"] - (field_above["y"] + field_above["height"]) >= 8
    assert_accessible(page)


def option_labels(page) -> list[str]:
    return page.locator(".list-selects option").all_text_contents()


def test_the_counts_follow_a_choice_and_the_select_keeps_focus(browser_page, live_url, anna):
    page = browser_page
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_url, "anna", "secret-password")
    page.goto(f"{live_url}/experiments/")
    before = option_labels(page)
    track = page.locator("#filter-track")
    track.focus()
    track.select_option(index=1)  # htmx swaps the results, which carry the new labels
    expect(page.locator(".filter-chips a")).to_have_count(1)
    expect(page.locator("#filter-institution option").first).to_be_attached()
    page.wait_for_function(
        "labels => [...document.querySelectorAll('.list-selects option')]"
        ".some((o, i) => o.textContent !== labels[i])",
        arg=before,
    )
    relabelled = option_labels(page)
    assert page.evaluate("document.activeElement.id") == "filter-track"
    page.goto(page.url)  # the same filters as a full page, rendered by the server
    assert option_labels(page) == relabelled

"""End to end in real Chromium: sign in, dashboard, language switch, CSP, accessibility, phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def anna(db):
    return UserFactory(username="anna", first_name="Anna", last_name="Holm", roles=["staff"])


def test_sign_in_dashboard_and_switch_language(browser_page, live_url, anna, shots_dir):
    page = browser_page
    page.goto(f"{live_url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("h1").inner_text() == "Log ind" or page.locator("h1").count() == 1
    assert_accessible(page)
    page.screenshot(path=shots_dir / "login.png", full_page=True)

    sign_in(page, live_url, "anna", "secret-password")
    assert page.url == f"{live_url}/"
    assert "Anna" in page.locator("main h1").inner_text()
    assert page.locator("nav.portal-nav a").count() == 4
    assert_accessible(page)
    page.screenshot(path=shots_dir / "dashboard-da.png", full_page=True)

    page.locator("form.portal-language button[value=en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main h1").inner_text() == "Welcome, Anna"
    assert page.locator("nav.portal-nav").get_attribute("aria-label") == "Main navigation"
    assert page.locator("footer a", has_text="Accessibility statement").count() == 1
    assert_accessible(page)
    page.screenshot(path=shots_dir / "dashboard-en.png", full_page=True)

    page.locator("form.portal-language button[value=da]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "da"

    assert page.portal_console == [], "console errors or CSP violations:\n" + "\n".join(
        page.portal_console
    )


def test_wrong_password_shows_one_accessible_error(browser_page, live_url, anna, shots_dir):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_url}/accounts/login/")
    page.locator("input[name=username]").fill("anna")
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main [role=alert]").count() == 1
    assert page.locator("input[name=username]").input_value() == "anna"
    assert_accessible(page)
    page.screenshot(path=shots_dir / "login-error-phone.png", full_page=True)
    assert page.portal_console == []


def test_phone_navigation_is_usable(browser_page, live_url, anna, shots_dir):
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, live_url, "anna", "secret-password")

    # Nothing overflows sideways: the page is exactly as wide as the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    links = page.locator("nav.portal-nav a")
    assert links.count() == 4
    for i in range(4):
        link = links.nth(i)
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
        assert box["height"] >= 44, "touch targets must be at least 44 px high"
    page.screenshot(path=shots_dir / "dashboard-phone.png", full_page=True)

    links.nth(3).click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{live_url}/bazar/")
    current = page.locator("nav.portal-nav a[aria-current=page]")
    assert current.inner_text() == links.nth(3).inner_text()
    assert_accessible(page)
    page.screenshot(path=shots_dir / "bazar-phone.png", full_page=True)
    assert page.portal_console == []


def test_not_found_page_is_friendly(browser_page, live_url, anna, shots_dir):
    page = browser_page
    sign_in(page, live_url, "anna", "secret-password")
    response = page.goto(f"{live_url}/no-such-page/")
    assert response.status == 404
    assert page.locator("main h1").count() == 1
    assert page.locator("main a[href='/']").count() == 1
    assert_accessible(page)
    page.screenshot(path=shots_dir / "404.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=shots_dir / "404-phone.png", full_page=True)
    errors = [line for line in page.portal_console if "404" not in line]
    assert errors == []


def test_accessibility_statement_reached_from_the_footer(browser_page, live_url, shots_dir):
    page = browser_page
    page.goto(f"{live_url}/accounts/login/")
    page.locator("footer a").first.click()
    page.wait_for_load_state()
    assert page.url == f"{live_url}/tilgaengelighed/"
    assert page.locator("main h2").count() == 6
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=shots_dir / "accessibility-phone.png", full_page=True)
    assert page.portal_console == []


def test_keyboard_user_can_skip_to_content(browser_page, live_url, anna):
    page = browser_page
    sign_in(page, live_url, "anna", "secret-password")
    page.keyboard.press("Tab")
    skip = page.locator("a.skipnav")
    assert page.evaluate("document.activeElement.className") == "skipnav"
    expect(skip).to_be_in_viewport(ratio=1)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_console_collector_reports_csp_violations(browser_page, live_url):
    """The collector the other browser tests rely on does see a CSP violation."""
    page = browser_page
    page.goto(f"{live_url}/accounts/login/")
    assert page.portal_console == []
    with page.expect_console_message(lambda msg: "CSP violation" in msg.text):
        page.evaluate(
            """() => {
                const img = document.createElement("img");
                img.alt = "";
                img.src = "https://example.invalid/tracker.png";
                document.body.append(img);
            }"""
        )
    violations = [line for line in page.portal_console if "CSP violation: img-src" in line]
    assert len(violations) == 1, page.portal_console

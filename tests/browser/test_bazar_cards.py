"""End to end on a phone (390×844): a leader invited to a running bazar opens a booth's page
(where its QR code leads), fills the interest card, sends it twice in a hurry, and finds
exactly one card, on the booth page and under "Mine balkort"."""

import pytest
from playwright.sync_api import expect

from bazar import services
from bazar.models import Attendee, BazarEvent, InterestCard
from tests.browser.bazar_support import event_with_an_invited_leader
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TAKE_HOME = "Vi afprøver de tre rum på næste afdelingsmøde."


@pytest.fixture
def running_bazar(db):
    admin, leader, event, booth = event_with_an_invited_leader(
        title="Tre rum i udforskende ledelse"
    )
    BazarEvent.objects.filter(pk=event.pk).update(status="running")
    attendee = Attendee.objects.get(user=leader)
    event.refresh_from_db()
    services.attendee_check_in(event=event, by=admin, attendee=attendee, present=True)
    return event, booth, leader


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]


@pytest.mark.postgresql(
    reason="two requests at once: the live server shares one in-memory SQLite connection"
)
def test_a_leader_fills_a_card_on_a_phone(browser_page, live_url, shots_dir, running_bazar):
    event, booth, leader = running_bazar
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, live_url, "leder", "secret-password")
    page.goto(live_url + booth.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(booth.title)
    no_sideways_scroll(page)
    assert_accessible(page)

    expect(page.locator("input[name=visited]")).to_be_checked()  # on by default
    page.locator("textarea[name=take_home]").fill(TAKE_HOME)
    counter = page.locator("#take-home-count")
    expect(counter).to_contain_text(str(2000 - len(TAKE_HOME)))
    page.locator("input[name=commitment][value=implement]").check()
    # Sent twice at once (as a double tap on a slow network would), then the button itself:
    # every request carries the same form token, so one card comes of it.
    posts = []
    page.on(
        "request",
        lambda request: posts.append(request.method) if request.method == "POST" else None,
    )
    statuses = page.evaluate(
        """async () => {
            const form = document.querySelector("form.bazar-card-form");
            const send = () => fetch(form.action, {
                method: "POST", body: new FormData(form), redirect: "manual",
            });
            const answers = await Promise.all([send(), send()]);
            return answers.map(answer => answer.type);
        }"""
    )
    assert statuses == ["opaqueredirect", "opaqueredirect"]  # both saved (302), none refused
    # Two submissions from one page: the second navigation may abort the first (as it does
    # on a busy machine), so wait for where they lead, not for one navigation.
    page.locator("form.bazar-card-form button[type=submit]").dblclick()
    expect(page.locator(".alert-success")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert len(posts) >= 3

    assert InterestCard.objects.count() == 1
    card = InterestCard.objects.get()
    assert (card.visitor, card.booth, card.commitment) == (leader, booth, "implement")
    assert card.take_home == TAKE_HOME
    expect(page.locator(".alert-success")).to_have_count(1)  # said once, not per sending
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("textarea[name=take_home]")).to_have_value(TAKE_HOME)
    expect(page.locator("input[name=commitment][value=implement]")).to_be_checked()
    no_sideways_scroll(page)
    page.screenshot(path=shots_dir / "bazar-booth-phone.png", full_page=True)

    page.goto(f"{live_url}/bazar/{event.slug}/cards/")
    expect(page.locator(".bazar-my-cards > li")).to_have_count(1)
    expect(page.locator(".bazar-my-cards")).to_contain_text(TAKE_HOME)
    expect(page.locator(".bazar-my-cards")).to_contain_text(booth.title)
    no_sideways_scroll(page)
    assert_accessible(page)
    page.screenshot(path=shots_dir / "bazar-my-cards-phone.png", full_page=True)

    page.goto(live_url + event.get_absolute_url())
    expect(page.locator(f"#booth-{booth.slug}")).to_contain_text(card.get_commitment_display())
    no_sideways_scroll(page)
    assert_accessible(page)
    assert page.portal_console == []

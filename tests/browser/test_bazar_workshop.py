"""End to end on a phone (390×844): a member of a follow-up group opens the group's page,
adds a value word and writes the pitch; each field saves as they go (htmx) and says so, and
keyboard focus stays where the person was."""

import pytest
from playwright.sync_api import expect

from bazar import services_groups
from bazar.models import Attendee, BazarEvent, InterestCard, Workshop
from tests.browser.bazar_support import event_with_an_invited_leader
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def group(db):
    admin, leader, event, booth = event_with_an_invited_leader()
    assert Attendee.objects.filter(user=leader).exists()
    card = InterestCard.objects.create(booth=booth, visitor=leader, commitment="implement")
    BazarEvent.objects.filter(pk=event.pk).update(status="follow_up")
    event.refresh_from_db()
    return services_groups.group_create(
        event=event, by=admin, cards=[card], title="Bio-gruppen", basis="education"
    )


def test_a_member_writes_in_the_workshop_on_a_phone(browser_page, live_url, group):
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, live_url, "leder", "secret-password")
    page.goto(f"{live_url}/bazar/{group.event.slug}/groups/{group.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bio-gruppen")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    page.locator("#wf-1-values-1").fill("Tillid")
    page.locator("#wf-1-pitch-text").click()  # leaving the field saves it
    expect(page.locator("#wf-1-values .grp-saved")).not_to_be_empty()
    expect(page.locator("#wf-1-values-2")).to_have_value("")  # a new empty line to add one
    assert page.evaluate("document.activeElement.id") == "wf-1-pitch-text"

    page.locator("#wf-1-pitch-text").fill("Vi prøver det på første semester.")
    page.locator("#wf-1-codex-text").click()
    expect(page.locator("#wf-1-pitch .grp-saved")).not_to_be_empty()
    content = Workshop.objects.get(group=group, number=1).content
    assert content == {"values": ["Tillid"], "pitch": "Vi prøver det på første semester."}
    assert page.portal_console == []

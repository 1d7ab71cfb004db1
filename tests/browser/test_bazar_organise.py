"""End to end in Chromium on a phone (390×844): on the day of the bazar an organiser checks
two people in by typing part of their names, then watches a new interest card appear on
the collection page without reloading it (the page polls)."""

import datetime

import pytest
from playwright.sync_api import expect

from bazar import services
from bazar.enums import Commitment, EventStatus, PersonRole
from bazar.models import Attendee, BazarEvent
from labportal.accounts.enums import Role
from labportal.organisation.models import Education
from tests.browser.helpers import assert_accessible, sign_in
from tests.factories import InstitutionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def running_bazar(settings):
    settings.BAZAR_POLL_SECONDS = 1
    admin = UserFactory(username="admin", roles=[Role.STAFF, Role.ADMINISTRATOR])
    organiser = UserFactory(username="arrangoer", roles=[Role.STAFF])
    kea = InstitutionFactory(name="KEA")
    bio = Education.objects.create(institution=kea, slug="bio", name="Bioanalytiker")
    event = services.event_create(
        by=admin,
        title="Bazar på KEA",
        date=datetime.date(2030, 5, 1),
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        institutions=[kea],
    )
    services.working_group_add(event=event, by=admin, user=organiser, role=PersonRole.TEACHER)
    people = {
        "leader": UserFactory(first_name="Sigrid", last_name="Holmgaard", roles=[Role.LEADER]),
        "teacher": UserFactory(first_name="Bertram", last_name="Holmsted", roles=[Role.STAFF]),
        "other": UserFactory(first_name="Ulla", last_name="Petersen", roles=[Role.STAFF]),
    }
    for name, role in (
        ("leader", PersonRole.LEADER),
        ("teacher", PersonRole.TEACHER),
        ("other", PersonRole.TEACHER),
    ):
        services.attendee_invite(event=event, by=admin, user=people[name], education=bio, role=role)
    booth = services.booth_add(event=event, by=admin, title="Tre rum i ledelse")
    BazarEvent.objects.filter(pk=event.pk).update(status=EventStatus.RUNNING)
    event.refresh_from_db()
    return {"event": event, "booth": booth, **people}


def test_an_organiser_checks_people_in_and_sees_cards_arrive(
    browser_page, live_url, shots_dir, running_bazar
):
    page = browser_page
    page.set_viewport_size(PHONE)
    event = running_bazar["event"]
    sign_in(page, live_url, "arrangoer", "secret-password")
    page.goto(f"{live_url}/bazar/{event.slug}/organise/check-in/")

    search = page.locator("#check-in-q")
    for name, part in (("leader", "sigr"), ("teacher", "bertr")):
        attendee = Attendee.objects.get(event=event, user=running_bazar[name])
        row = page.locator(f"#attendee-{attendee.pk}")
        search.fill(part)  # htmx filters as you type
        expect(page.locator(".org-person")).to_have_count(1)
        expect(row).to_be_visible()
        row.locator("button").click()
        expect(row).to_have_class("org-person is-present")
    assert Attendee.objects.filter(checked_in_at__isnull=False).count() == 2
    assert not Attendee.objects.get(user=running_bazar["other"]).checked_in_at
    page.screenshot(path=shots_dir / "bazar-check-in-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    page.goto(f"{live_url}/bazar/{event.slug}/organise/collection/")
    page.evaluate("window.notReloaded = true")
    cell = page.locator(".org-heat-cell")
    expect(cell).to_have_count(0)
    services.card_submit(
        event=event,
        booth=running_bazar["booth"],
        visitor=running_bazar["leader"],
        commitment=Commitment.TRY,
        take_home="Tre rum til vores teammøder",
    )
    expect(cell).to_have_text("1", timeout=10_000)  # the partial polls every second
    assert page.evaluate("window.notReloaded === true")
    page.screenshot(path=shots_dir / "bazar-collection-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    assert page.portal_console == []

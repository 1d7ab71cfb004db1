"""End to end in Chromium: the strategic owner builds a program's change theory backwards from
an empty one with the htmx editor, links two experiments with the picker, and sees the
diagram change; a stale save shows both texts in place."""

import pytest
from playwright.sync_api import expect

from changetheory import services
from changetheory.models import ChangeTheory, SignExperiment
from experiments.enums import Phase
from labportal.accounts.enums import Role
from tests.browser.helpers import assert_accessible, sign_in
from tests.factories import ExperimentFactory, ProgramFactory, TrackFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRACTICE = "Ledere på tværs af uddannelser sparrer om deres praksis hver måned."
SIGNS = ("Ledere inviterer hinanden ind i deres møder", "Nye samarbejder opstår på tværs")
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.fixture
def program(db):
    owner = UserFactory(
        username="ejer", first_name="Ella", last_name="Ejer", roles=[Role.STAFF, Role.STRATEGIC]
    )
    program = ProgramFactory(slug="nye-ledelsesformer", title="Nye ledelsesformer", owner=owner)
    track = TrackFactory(program=program, title="Relationsbaseret ledelse")
    ExperimentFactory(title="Tre rum i praksis", track=track, phase=Phase.ANALYSIS)
    ExperimentFactory(title="Ledelse på tværs", track=track, phase=Phase.DESIGN)
    ExperimentFactory(title="Et fremmed eksperiment")  # another program: never offered
    return program


def shoot(page, shots_dir, name: str) -> None:
    """The page at desktop and phone width (people look at these; no pixels compared)."""
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=shots_dir / f"change-theory-{name}-{size}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def diagram_text(page) -> str:
    svg = page.locator("svg.theory-diagram-svg")
    expect(svg).to_have_count(1)
    return svg.inner_html()


def link_experiment(page, sign_pk: int, query: str, title: str, shot=None) -> None:
    page.locator(f"#search-{sign_pk}").fill(query)
    expect(page.locator(f"#choices-{sign_pk} li")).to_have_count(1)  # filtered as typed
    choice = page.locator(f"#choices-{sign_pk} button", has_text=title)
    expect(choice).to_have_count(1)
    expect(page.locator(f"#choices-{sign_pk}")).not_to_contain_text("Et fremmed eksperiment")
    if shot:  # caret="initial": hiding the caret leaves style attributes (see below)
        page.locator(f"#links-{sign_pk}").screenshot(path=shot, caret="initial")
    choice.click()
    expect(page.locator(f"#links-{sign_pk} .theory-linked a", has_text=title)).to_have_count(1)


def test_the_owner_builds_a_theory_backwards_and_sees_the_diagram(
    browser_page, live_url, shots_dir, program
):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_url, "ejer", "secret-password")
    page.goto(f"{live_url}/changetheory/")
    assert_accessible(page)
    shoot(page, shots_dir, "list")
    with page.expect_navigation():
        page.get_by_role("button", name="Nye ledelsesformer").click()
    theory = ChangeTheory.objects.get(program=program)
    assert page.url == f"{live_url}/changetheory/{theory.slug}/edit/"

    page.evaluate("() => { window.portalNoReload = true; }")
    # Step 1: the desired practice.
    page.locator("#id_desired_practice").fill(PRACTICE)
    page.locator("#practice button[type=submit]").click()
    expect(page.locator("#practice [role=status]")).to_have_count(1)
    # Step 2: two signs, each saved over the version the previous save handed on.
    for number, text in enumerate(SIGNS, start=1):
        page.locator("#id_text").fill(text)
        page.locator("#new-sign button[type=submit]").click()
        expect(page.locator("#signs .theory-sign")).to_have_count(number)
        expect(page.locator("#links .theory-sign-links")).to_have_count(number)  # step 3 too
    first, second = theory.signs.order_by("position")

    page.goto(f"{live_url}/changetheory/{theory.slug}/")
    before = diagram_text(page)
    assert SIGNS[0] in before
    assert "Tre rum i praksis" not in before
    page.go_back()
    page.wait_for_load_state()

    page.evaluate("() => { window.portalNoReload = true; }")
    # Step 3: the picker searches the program's experiments as the person types.
    link_experiment(
        page, first.pk, "tre rum", "Tre rum i praksis", shots_dir / "change-theory-picker.png"
    )
    link_experiment(page, second.pk, "tværs", "Ledelse på tværs")
    # Step 4: an action, saved with the version the link saves handed on.
    page.locator("#list-actions-new").fill("En fælles kalender for sparring")
    page.locator("#list-actions form.theory-add button[type=submit]").click()
    expect(page.locator("#list-actions .theory-item")).to_have_count(1)
    assert page.evaluate("() => window.portalNoReload === true"), "htmx saved in place"
    assert SignExperiment.objects.count() == 2
    theory.refresh_from_db()
    assert (theory.desired_practice, theory.actions) == (
        PRACTICE,
        ["En fælles kalender for sparring"],
    )
    expect(page.locator("#editor-findings .theory-finding")).to_have_count(0)  # complete
    assert_accessible(page)
    shoot(page, shots_dir, "editor")

    page.goto(f"{live_url}/changetheory/{theory.slug}/")
    after = diagram_text(page)
    assert "Tre rum i praksis" in after
    assert "Ledelse på tværs" in after
    expect(page.locator(".theory-progress tbody tr")).to_have_count(2)
    assert_accessible(page)
    shoot(page, shots_dir, "detail")
    page.locator("#theory-history a").click()
    expect(page.locator("#theory-history .theory-edit")).to_have_count(7)
    assert_accessible(page)
    shoot(page, shots_dir, "history")

    # The experiment's page names the theory and the sign it serves, in its wheel section.
    page.locator(".theory-progress a", has_text="Tre rum i praksis").click()
    page.wait_for_load_state()
    served = page.locator("#wheel-panel .experiment-theories")
    expect(served.locator("a", has_text=SIGNS[0])).to_have_count(1)
    expect(served.locator("a", has_text="Nye ledelsesformer")).to_have_count(1)
    assert_accessible(page)
    served.screenshot(path=shots_dir / "change-theory-experiment-page.png")

    assert page.portal_console == [], "console errors or CSP violations:\n" + "\n".join(
        page.portal_console
    )


def test_a_stale_save_shows_both_texts_in_place(browser_page, live_url, shots_dir, program):
    page = browser_page
    theory = services.theory_create(subject=program, by=program.owner)
    sign_in(page, live_url, "ejer", "secret-password")
    page.goto(f"{live_url}/changetheory/{theory.slug}/edit/")
    admin = UserFactory(roles=[Role.STAFF, Role.ADMINISTRATOR])
    services.theory_update(
        theory=theory, by=admin, expected_version=1, desired_practice="Adminens udgave"
    )
    page.evaluate("() => { window.portalNoReload = true; }")
    page.locator("#id_desired_practice").fill("Min udgave")
    page.locator("#practice button[type=submit]").click()
    expect(page.locator("#practice [role=alert]")).to_have_count(1)
    expect(page.locator("#practice .theory-saved")).to_contain_text("Adminens udgave")
    expect(page.locator("#id_desired_practice")).to_have_value("Min udgave")
    assert page.evaluate("() => window.portalNoReload === true")
    assert_accessible(page)
    # caret="initial": hiding the caret leaves style attributes, which htmx's next settle
    # would copy (and the CSP refuse).
    page.locator("#step-1").screenshot(path=shots_dir / "change-theory-stale.png", caret="initial")
    page.locator("#practice button[type=submit]").click()  # now knowingly
    expect(page.locator("#practice [role=status]")).to_have_count(1)
    assert ChangeTheory.objects.get().desired_practice == "Min udgave"
    # Chromium logs the refused save (409) as a failed load; nothing else may show.
    unexpected = [line for line in page.portal_console if "status of 409 (Conflict)" not in line]
    assert unexpected == [], "\n".join(unexpected)
    assert len(page.portal_console) == 1

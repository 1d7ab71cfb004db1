"""Readable sizes: every visible text on the experiment page, the list and the dashboard is
at least 14 px on screen (DKFDS's small print), and running text at least 16 px, on a phone
and on a desktop. SVG text counts at the size it is drawn (its font size times the drawing's
scale)."""

import pytest

from experiments.models import Experiment
from labportal.core.demo_loading import demo_content_load
from tests.browser.helpers import sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
SMALL_PRINT, BODY = 14, 16

# Each visible text node: its drawn font size and whether it is running text (a paragraph or
# list item of the page's main content that is not marked as small print).
TEXT_SIZES = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest(".sr-only, script, style, template, noscript")) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility !== "visible" || box.width === 0 || box.height === 0) continue;
    if (el.closest("details:not([open])") && !el.closest("summary")) continue;
    let size = parseFloat(style.fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size = size * Math.sqrt(m.a * m.a + m.b * m.b);
    }
    const running = !!el.closest("main p, main li") &&
      !el.closest(".meta, .meta-list, .form-hint, .badge, .status-badge, .breadcrumbs, small, " +
                  "figcaption, .wheel-legend-dna, .wheel-legend-actor, .portfolio-days, svg");
    found.push({text: text.slice(0, 40), size: Math.round(size * 10) / 10, running});
  }
  return found;
}"""


@pytest.fixture
def portal(db):
    demo_content_load()
    return UserFactory(
        username="anna", first_name="Anna", last_name="Holm", roles=["staff", "strategic"]
    )


@pytest.mark.parametrize("size", SIZES)
def test_no_text_is_too_small(browser_page, live_url, portal, shots_dir, size):
    page = browser_page
    page.set_viewport_size(SIZES[size])
    sign_in(page, live_url, "anna", "secret-password")
    experiment = Experiment.objects.filter(phase="action").order_by("title").first()
    for name, path in (
        ("dashboard", "/"),
        ("list", "/experiments/"),
        ("experiment", experiment.get_absolute_url()),
    ):
        page.goto(f"{live_url}{path}")
        page.screenshot(path=shots_dir / f"text-sizes-{name}-{size}.png", full_page=True)
        texts = page.evaluate(TEXT_SIZES)
        assert len(texts) > 20, f"{name}: the page shows too little to judge"
        tiny = [t for t in texts if t["size"] < SMALL_PRINT - 0.05]
        assert not tiny, f"{name} at {size}: text below {SMALL_PRINT} px: {tiny[:10]}"
        small_running = [t for t in texts if t["running"] and t["size"] < BODY - 0.05]
        assert not small_running, (
            f"{name} at {size}: running text below {BODY} px: {small_running[:10]}"
        )

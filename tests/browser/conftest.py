"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Fixtures (see tests/browser/helpers.py for sign_in and assert_accessible):

- ``live_url``: base URL of the live server (tests must be ``django_db(transaction=True)``).
- ``browser_page``: a fresh Playwright ``Page`` in Danish, with every console error, uncaught
  page error and Content Security Policy violation collected in ``page.portal_console``.

Never downloads a browser: Chromium comes from the system (``/usr/bin/chromium``), or from
``PORTAL_CHROMIUM`` when set. Tests are skipped with a reason when no Chromium is installed.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside
# one unless told that this (single-threaded test) use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]

# Runs before any page script. It is injected by the test through the DevTools protocol, so the
# page's own CSP does not apply to it; it turns CSP violations into console errors we collect.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(
    "CSP violation: " + event.violatedDirective + " blocked " +
    (event.blockedURI || "inline") + " at " + event.sourceFile + ":" + event.lineNumber
  );
});
"""

SHOTS_DIR = Path(os.environ.get("PORTAL_SHOTS_DIR", Path(tempfile.gettempdir()) / "shots"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _chromium():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM}; install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def browser_context(_chromium):
    context = _chromium.new_context(
        locale="da-DK",
        viewport={"width": 1280, "height": 900},
        service_workers="block",
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def browser_page(browser_context):
    page = browser_context.new_page()
    collected: list[str] = []
    page.add_init_script(CSP_LISTENER)

    def on_console(msg):
        if msg.type == "error":
            where = (msg.location or {}).get("url", "")
            collected.append(f"console error: {msg.text}" + (f" ({where})" if where else ""))

    page.on("console", on_console)
    page.on("pageerror", lambda error: collected.append(f"pageerror: {error}"))
    page.portal_console = collected
    yield page
    page.close()


@pytest.fixture
def shots_dir() -> Path:
    """Where screenshots go (for people to look at; tests never compare pixels)."""
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    return SHOTS_DIR

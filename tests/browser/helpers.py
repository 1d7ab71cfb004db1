"""Helpers for browser tests: signing in and checking accessibility with axe-core."""

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

# Vendored (as htmx is), so the README's test command needs no npm.
AXE_PATH = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")


def sign_in(page: Page, live_url: str, username: str, password: str) -> None:
    """Sign in through the login form and wait until the portal has answered."""
    page.goto(f"{live_url}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    if "/accounts/login/" in page.url:
        raise AssertionError(f"sign-in as {username!r} failed; still on {page.url}")


@cache
def _axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def axe_violations(page: Page, *, impacts=FAILING_IMPACTS) -> list[dict]:
    """Run axe-core (WCAG 2.x A/AA rules) on the current page and return matching violations.

    axe is evaluated through the DevTools protocol rather than added as a <script> tag: the
    portal's Content Security Policy (rightly) blocks inline scripts.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                 "best-practice"]},
                resultTypes: ["violations"],
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }"""
    )
    return [v for v in result if v["impact"] in impacts]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    at {node['target']}: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe-core finds serious or critical violations."""
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} serious/critical accessibility violation(s) "
        f"on {page.url}:\n{format_violations(violations)}"
    )

"""User Markdown: sanitised, and rendered at a cost that grows linearly with the text, also
for the runs of brackets that once froze the portal (Python-Markdown was quadratic on them).

The cost is counted in function calls made while rendering (deterministic), not in seconds:
four times the text may cost about four times the calls, never sixteen."""

import sys

import pytest

from labportal.core import markdown


def calls_to_render(text: str) -> int:
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        markdown._render(text)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("unit", ["[", "![", "[a](", "[](", "a\n>", "<", "*_", "[x]"])
def test_hostile_runs_cost_linear_time(unit):
    small = calls_to_render(unit * 2_000)
    large = calls_to_render(unit * 8_000)
    assert large / small < 6, (small, large)


def test_long_texts_are_rendered_but_not_kept():
    markdown._cached.cache_clear()
    long_text = "Et fund. " * 5_000
    assert len(long_text) > markdown.CACHED_UP_TO
    assert markdown.render_markdown(long_text).startswith("<p>Et fund.")
    assert markdown.render_markdown("Kort *tekst*") == "<p>Kort <em>tekst</em></p>"
    assert markdown._cached.cache_info().currsize == 1


def test_tables_lists_and_links_survive_sanitising():
    html = markdown.render_markdown(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- et\n- to\n\n[link](https://example.org)"
    )
    assert "<table>" in html
    assert "<li>et</li>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html

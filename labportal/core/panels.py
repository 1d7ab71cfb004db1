"""The dashboard shows each app's panels (its module `dashboard`, `PANELS`), in order.

A panel's context runs a fixed number of queries, whatever the number of rows, so the whole
page does too.
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from .parts import app_parts


@dataclass(frozen=True)
class Panel:
    """`template` is rendered with `context(user)` as `panel`; a context of None means the
    panel does not apply to this user. Lower `order` comes first. `stylesheets` (static
    paths) go in the page's head. Panels share a row; one whose outer element has the class
    `panel-wide` takes a row of its own."""

    template: str
    context: Callable[..., dict | None]
    order: int
    stylesheets: tuple[str, ...] = ()


def dashboard_panels() -> list[Panel]:
    panels = (panel for part in app_parts("dashboard") for panel in part.PANELS)
    return sorted(panels, key=attrgetter("order"))


def dashboard_context(user) -> dict:
    """`panels`: (template, context) of each panel that applies to the user."""
    shown, stylesheets = [], []
    for panel in dashboard_panels():
        context = panel.context(user)
        if context is not None:
            shown.append((panel.template, context))
            stylesheets += [path for path in panel.stylesheets if path not in stylesheets]
    return {"panels": shown, "stylesheets": stylesheets}

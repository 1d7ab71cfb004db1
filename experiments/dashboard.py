"""Experiments' panels on the dashboard: mine, those awaiting me, and the portfolio for
those who may start experiments (the strategic level and administrators)."""

import rules
from django.template.loader import render_to_string

from experiments.enums import PHASE_ORDER
from experiments.selectors import experiments_awaiting_user, experiments_of_user, portfolio
from labportal.core import fragments
from labportal.core.panels import Panel


def portfolio_context(user) -> dict | None:
    """The table as HTML. It is the same for everyone who may see it and changes only with
    its figures (the days in phase grow as time passes), so it is kept in the fragment cache
    by its figures: rendering 6 phases for every track cost most of the dashboard's time."""
    if not user.has_perm("experiments.create"):
        return None
    rows = portfolio()
    figures = [
        (row.track_slug, [(c.count, c.average_days, c.longest_days) for c in row.cells])
        for row in rows
    ]
    html = fragments.cached(
        "portfolio-table",
        figures,
        build=lambda: render_to_string(
            "experiments/dashboard/portfolio.html#table", {"phases": PHASE_ORDER, "rows": rows}
        ),
    )
    return {"html": html}


PANELS = (
    Panel(
        "experiments/dashboard/my_experiments.html",
        lambda user: {
            "experiments": experiments_of_user(user),
            # The portal's rules alone (user.has_perm would also ask the model backend).
            "can_create": rules.has_perm("experiments.create", user),
        },
        order=10,
    ),
    Panel(
        "experiments/dashboard/awaiting_me.html",
        lambda user: {"experiments": experiments_awaiting_user(user)},
        order=20,
    ),
    # Last and across the whole width: a table of every track.
    Panel(
        "experiments/dashboard/portfolio.html",
        portfolio_context,
        order=100,
        stylesheets=("css/experiments.css",),
    ),
)

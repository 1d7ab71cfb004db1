"""Experiments' panels on the dashboard: mine, those awaiting me, and the portfolio for
those who may start experiments (the strategic level and administrators)."""

import rules

from experiments.enums import PHASE_ORDER
from experiments.selectors import experiments_awaiting_user, experiments_of_user, portfolio
from labportal.core.panels import Panel


def portfolio_context(user) -> dict | None:
    if not user.has_perm("experiments.create"):
        return None
    return {"phases": PHASE_ORDER, "rows": portfolio()}


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

"""What the dashboard shows. Each area adds its part here as it lands.

Every part runs a fixed number of queries, whatever the number of experiments.
"""

from experiments.enums import PHASE_ORDER
from experiments.selectors import experiments_awaiting_user, experiments_of_user, portfolio


def dashboard_context(user) -> dict:
    context = {
        "my_experiments": experiments_of_user(user),
        "awaiting_me": experiments_awaiting_user(user),
        "show_portfolio": user.has_perm("experiments.create"),
    }
    if user.has_perm("experiments.create"):
        context["portfolio_phases"] = PHASE_ORDER
        context["portfolio"] = portfolio()
    return context

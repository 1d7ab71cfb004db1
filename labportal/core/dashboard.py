"""The administrators' tools on the dashboard: where to import a booklet, publish, follow
the background jobs and fix data by hand (links by URL name: the portal imports no app)."""

import rules

from .panels import Panel


def tools_context(user) -> dict | None:
    # The portal's rules alone (user.has_perm would also ask the model backend).
    return {} if rules.has_perm("portal.administer", user) else None


PANELS = (Panel("core/dashboard/admin_tools.html", tools_context, order=80),)

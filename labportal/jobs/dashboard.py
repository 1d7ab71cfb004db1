"""The administrators' panel: how the background jobs are doing, with a link to their page."""

import rules

from labportal.core.panels import Panel

from .selectors import job_counts


def jobs_context(user) -> dict | None:
    # The portal's rules alone: user.has_perm would also ask the model backend (two queries)
    # for everyone who is not an administrator.
    if not rules.has_perm("portal.administer", user):
        return None
    return {"counts": job_counts()}


PANELS = (Panel("jobs/dashboard_panel.html", jobs_context, order=90),)

"""The administrators' panel: how the background jobs are doing, with a link to their page."""

from labportal.core.panels import Panel

from .selectors import job_counts


def jobs_context(user) -> dict | None:
    if not user.has_perm("portal.administer"):
        return None
    return {"counts": job_counts()}


PANELS = (Panel("jobs/dashboard_panel.html", jobs_context, order=90),)

"""The administrators' panel: concepts awaiting review, and the way to the publications."""

import rules

from labportal.core.panels import Panel

from .selectors import concepts_awaiting_review


def publications_context(user) -> dict | None:
    # The portal's rules alone (user.has_perm would also ask the model backend).
    if not rules.has_perm("concepts.view_publications", user):
        return None
    return {"awaiting": concepts_awaiting_review()}


PANELS = (Panel("concepts/dashboard/publications.html", publications_context, order=85),)

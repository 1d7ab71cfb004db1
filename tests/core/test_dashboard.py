"""The dashboard stitches the apps' panels: in order, only those that apply to the user."""

from types import SimpleNamespace

from django.urls import reverse

from labportal.core import panels as dashboard
from labportal.core.panels import Panel


def test_panels_come_in_order_and_skip_those_without_a_context(monkeypatch):
    parts = (
        SimpleNamespace(
            __name__="b.dashboard",
            PANELS=(Panel("b/late.html", lambda user: {"n": 2}, order=20, stylesheets=("b.css",)),),
        ),
        SimpleNamespace(
            __name__="a.dashboard",
            PANELS=(
                Panel("a/first.html", lambda user: {"n": 1}, order=10, stylesheets=("b.css",)),
                Panel("a/never.html", lambda user: None, order=5, stylesheets=("a.css",)),
            ),
        ),
    )
    monkeypatch.setattr(dashboard, "app_parts", lambda name: parts)
    context = dashboard.dashboard_context(user=None)
    assert context["panels"] == [("a/first.html", {"n": 1}), ("b/late.html", {"n": 2})]
    assert context["stylesheets"] == ["b.css"]


def test_the_page_shows_the_apps_panels_and_no_placeholder(client_for, staff_user):
    html = client_for(staff_user).get(reverse("core:dashboard")).content.decode()
    assert html.index('id="my-experiments"') < html.index('id="my-tasks"')
    assert 'id="bazar"' not in html  # the bazar adds its own panel once it has events

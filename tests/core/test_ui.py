"""The portal frame (templates/base.html), error pages and the vendored design system."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.db import connection
from django.template.loader import get_template, render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import translation

from labportal.notifications.models import Notification

STATIC = Path(settings.BASE_DIR) / "static"
PHASES = ("pre", "design", "action", "analysis", "concept", "implementation")


class PageScan(HTMLParser):
    """Collects what the CSP and accessibility tests need from one HTML page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.inline_scripts = 0
        self.style_blocks = 0
        self.style_attributes: list[str] = []
        self.event_handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script" and not attributes.get("src"):
            self.inline_scripts += 1
        if tag == "style":
            self.style_blocks += 1
        if "style" in attributes:
            self.style_attributes.append(tag)
        self.event_handlers += [name for name in attributes if name.startswith("on")]

    def first(self, tag, **match):
        for name, attributes in self.tags:
            if name == tag and all(attributes.get(k) == v for k, v in match.items()):
                return attributes
        return None


def scan(html: str) -> PageScan:
    page = PageScan()
    page.feed(html)
    return page


@pytest.fixture
def dashboard_html(client_for, staff_user):
    response = client_for(staff_user).get(reverse("core:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_base_has_landmarks_and_skip_link(dashboard_html):
    page = scan(dashboard_html)
    names = [tag for tag, _ in page.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert names.count(landmark) >= 1, landmark
    assert names.count("main") == 1
    assert page.first("main")["id"] == "main"
    # The skip link is the first link on the page and points at <main>.
    first_link = next(attrs for tag, attrs in page.tags if tag == "a")
    assert first_link["href"] == "#main"
    assert "skipnav" in first_link["class"]
    with translation.override("da"):
        label = translation.gettext("Main navigation")
    assert page.first("nav", **{"aria-label": label}) is not None


def test_navigation_links_the_four_areas_and_marks_the_current_one(client_for, staff_user):
    html = client_for(staff_user).get(reverse("bazar:index")).content.decode()
    nav = html.split('class="portal-nav"', 1)[1].split("</nav>", 1)[0]
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs == [
        reverse("experiments:list"),
        reverse("changetheory:index"),
        reverse("concepts:list"),
        reverse("bazar:index"),
    ]
    current = re.findall(r'href="([^"]+)" aria-current="page"', nav)
    assert current == [reverse("bazar:index")]


@pytest.mark.parametrize("language", ["da", "en"])
def test_html_lang_follows_the_language(client_for, staff_user, language):
    client = client_for(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("core:dashboard")).content.decode()
    assert f'<html lang="{language}">' in html
    with translation.override(language):
        assert translation.gettext("Skip to content") in html


def test_danish_is_the_default_language(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="da">' in html


def test_language_switcher_posts_to_set_language(dashboard_html):
    form = dashboard_html.split('class="portal-language"', 1)[1].split("</form>", 1)[0]
    assert f'action="{reverse("set_language")}"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<button type="submit" name="language" value="en" lang="en"' in form
    assert 'aria-current="true">Dansk</span>' in form


def test_footer_links_the_accessibility_statement(dashboard_html, client):
    footer = dashboard_html.split("<footer", 1)[1]
    assert f'href="{reverse("core:accessibility")}"' in footer
    # ... also for people who are not signed in.
    client.logout()
    anonymous = client.get(reverse("accounts:login")).content.decode().split("<footer", 1)[1]
    assert f'href="{reverse("core:accessibility")}"' in anonymous


def test_accessibility_statement_has_the_required_sections(client):
    html = client.get(reverse("core:accessibility")).content.decode()
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    with translation.override("da"):
        expected = [
            translation.gettext(text)
            for text in (
                "Scope",
                "Compliance status",
                "Content that is not accessible",
                "Preparation of this statement",
                "Feedback and contact information",
                "Enforcement procedure",
            )
        ]
    assert headings == expected
    assert "Digitaliseringsstyrelsen" in html
    assert "WCAG" in html
    assert "2026" in html


def test_unread_count_shown_with_one_query(client_for, staff_user, make_user):
    other = make_user("staff", username="other")
    Notification.objects.bulk_create(
        [Notification(recipient=staff_user, subject=f"n{i}") for i in range(3)]
        + [Notification(recipient=other, subject="not mine")]
    )
    Notification.objects.create(recipient=staff_user, subject="seen", read_at="2026-01-01T00:00Z")
    client = client_for(staff_user)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("core:dashboard")).content.decode()
    assert '<span class="count-badge" aria-hidden="true">3</span>' in html
    counts = [q["sql"] for q in queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1
    assert "COUNT" in counts[0].upper()


def test_no_badge_and_no_count_query_without_unread(client_for, staff_user, client):
    html = client_for(staff_user).get(reverse("core:dashboard")).content.decode()
    assert "count-badge" not in html
    client.logout()
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("accounts:login"))
    assert not [q for q in queries if "notifications_notification" in q["sql"]]


def test_flash_messages_are_dkfds_alerts_with_roles(db, staff_user):
    request = RequestFactory().get("/")
    request.user = staff_user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.resolver_match = resolve("/")
    messages.success(request, "Saved the experiment.")
    messages.error(request, "Could not save.")
    html = render_to_string("core/accessibility.html", request=request)
    assert re.search(r'class="alert alert-success" role="status">.*?Saved the experiment\.', html)
    assert re.search(r'class="alert alert-error" role="alert">.*?Could not save\.', html)


@pytest.mark.parametrize("language", ["da", "en"])
def test_404_is_friendly_and_translated(client_for, staff_user, language):
    client = client_for(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    with translation.override(language):
        assert f"<h1>{translation.gettext('We could not find that page')}</h1>" in html
    assert f'<html lang="{language}">' in html
    assert 'href="/"' in html
    assert "Traceback" not in html
    assert "no-such-page" not in html.split("<main", 1)[1]


def test_500_page_needs_no_request_context_or_database():
    """Django renders 500.html with an empty context; blocked DB access would raise here."""
    html = get_template("500.html").render()
    assert "<h1>Der skete en fejl</h1>" in html
    assert 'lang="en"' in html
    assert "/static/vendor/dkfds/css/dkfds.min.css" in html
    assert "Traceback" not in html
    page = scan(html)
    assert page.inline_scripts == 0
    assert page.style_attributes == []


@pytest.mark.parametrize("page_name", ["dashboard", "login", "404", "accessibility", "csrf"])
def test_pages_have_no_inline_script_or_style(client_for, staff_user, client, page_name):
    if page_name == "dashboard":
        response = client_for(staff_user).get(reverse("core:dashboard"))
    elif page_name == "404":
        response = client_for(staff_user).get("/no-such-page/")
    elif page_name == "accessibility":
        response = client_for(staff_user).get(reverse("core:accessibility"))
    elif page_name == "csrf":
        from labportal.core.views import csrf_failure

        request = RequestFactory().post("/")
        request.user = staff_user
        request.session = SessionStore()
        response = csrf_failure(request)
    else:
        response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    page = scan(html)
    assert page.inline_scripts == 0
    assert page.style_blocks == 0
    assert page.style_attributes == []
    assert page.event_handlers == []
    scripts = [attrs["src"] for tag, attrs in page.tags if tag == "script"]
    assert scripts == ["/static/vendor/htmx/htmx.min.js"]


def test_login_fields_are_labelled(client):
    page = scan(client.get(reverse("accounts:login")).content.decode())
    for name in ("username", "password"):
        field = page.first("input", name=name)
        assert field is not None
        label = page.first("label", **{"for": field["id"]})
        assert label is not None, f"no <label for> the {name} field"
    assert page.first("input", name="username")["autocomplete"] == "username"


def test_vendored_css_urls_resolve():
    """Every url() in the vendored DKFDS CSS and in portal.css names a file we ship.

    ManifestStaticFilesStorage fails collectstatic on a missing one, and the browser would
    log a 404 on every page.
    """
    for css_file in (STATIC / "vendor/dkfds/css/dkfds.min.css", STATIC / "css/portal.css"):
        css = css_file.read_text(encoding="utf-8")
        urls = {u.strip("'\"") for u in re.findall(r"url\(([^)]+)\)", css)}
        assert urls or css_file.name == "portal.css"
        missing = [u for u in urls if not (css_file.parent / u).resolve().is_file()]
        assert missing == [], f"{css_file.name} references missing files: {missing}"
    assert (STATIC / "vendor/dkfds/LICENSE.md").is_file()
    assert (STATIC / "vendor/dkfds/img/all-svg-icons.svg").is_file()


def test_vendored_fonts_are_woff2_only():
    fonts = sorted(p.suffix for p in (STATIC / "vendor/dkfds/fonts").rglob("*") if p.is_file())
    assert set(fonts) == {".woff2", ".txt"}
    assert fonts.count(".woff2") == 8


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_helper():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


@pytest.mark.parametrize("phase", PHASES)
def test_phase_badge_colours_meet_aa(phase):
    css = (STATIC / "css/portal.css").read_text(encoding="utf-8")
    colours = r"\s*background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6});"
    rule = re.search(rf"\.phase-{phase}\s*\{{" + colours, css)
    assert rule, f"no .phase-{phase} rule with background and color"
    background, text = rule.groups()
    assert contrast(background, text) >= 4.5
    # The badge sits on white or the light grey surface: its tint must stay distinguishable
    # by text, not colour alone, so the text colour must also pass on white.
    assert contrast(text, "#ffffff") >= 4.5


def test_messages_container_is_empty_without_messages(dashboard_html):
    assert '<div class="portal-messages" id="messages"></div>' in dashboard_html


def test_messages_partial_can_swap_out_of_band(db, staff_user):
    request = RequestFactory().get("/")
    request.user = staff_user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    messages.info(request, "Your interest card was sent.")
    html = render_to_string("includes/messages.html", {"oob": True}, request=request)
    assert 'id="messages" hx-swap-oob="true"' in html
    alert = r'class="alert alert-info" role="status">.*?Your interest card was sent\.'
    assert re.search(alert, html)

"""Security headers, caching of private pages, CSRF, error pages and password hashing."""

from pathlib import Path

import pytest
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext

import labportal.urls

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parent.parent
LEAKY = "s3cr3t-detail-that-must-not-leak"


@login_not_required
def raising_view(request):
    raise RuntimeError(LEAKY)


# A test-only URLconf: the portal's URLs plus a view that fails.
urlpatterns = [path("test-boom/", raising_view), *labportal.urls.urlpatterns]


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# --- headers -----------------------------------------------------------------------------


@pytest.fixture(params=["dashboard", "login"])
def page_response(request, client, staff_user):
    if request.param == "dashboard":
        client.force_login(staff_user)
        return client.get(reverse("core:dashboard"))
    return client.get(reverse("accounts:login"))


def test_csp_is_strict(page_response):
    assert page_response.status_code == 200
    directives = csp_directives(page_response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    policy = page_response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_security_headers_present(page_response):
    assert page_response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in page_response["Permissions-Policy"]
    assert "geolocation=()" in page_response["Permissions-Policy"]
    assert page_response["X-Frame-Options"] == "DENY"
    assert page_response["X-Content-Type-Options"] == "nosniff"
    assert page_response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(page_response):
    html = page_response.content.decode()
    assert "<style" not in html
    assert ' style="' not in html
    assert "<script>" not in html
    assert "<script src=" in html  # htmx, from static


def test_htmx_history_snapshots_and_indicator_styles_are_off(page_response):
    html = page_response.content.decode()
    assert '"historyCacheSize": 0' in html
    assert '"includeIndicatorStyles": false' in html
    assert "/static/vendor/htmx/" in html


def test_signed_in_pages_are_not_stored(client_for, staff_user):
    client = client_for(staff_user)
    for url in (reverse("core:dashboard"), reverse("core:accessibility")):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control
        assert "private" in cache_control


def test_public_page_for_anonymous_is_not_marked_private(client):
    response = client.get(reverse("core:accessibility"))
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


# --- CSRF ----------------------------------------------------------------------------------


@pytest.fixture
def csrf_client(staff_user):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staff_user)
    client.get(reverse("core:dashboard"))  # sets the csrftoken cookie
    return client


def test_bad_csrf_token_gets_our_403_page(csrf_client):
    response = csrf_client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": "bad" * 11})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The form could not be sent" in html
    assert "<title>The form has expired · labportal</title>" in html
    assert "CSRF verification failed" not in html  # not Django's debug page
    assert "_auth_user_id" in csrf_client.session  # the logout did not happen


def test_csrf_page_is_translated_to_danish(csrf_client):
    response = csrf_client.post(reverse("accounts:logout"), HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 403
    with translation.override("da"):
        danish = gettext("The form could not be sent")
    assert danish in response.content.decode()
    if (REPO / "locale" / "da" / "LC_MESSAGES" / "django.mo").exists():
        assert danish != "The form could not be sent"
    else:
        print("locale/da has no compiled catalogue yet: Danish text not checked")


def test_htmx_post_with_csrf_header_is_accepted(csrf_client):
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(
        reverse("accounts:logout"), HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in csrf_client.session


def test_htmx_post_without_csrf_header_is_refused(csrf_client):
    response = csrf_client.post(reverse("accounts:logout"), HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert "_auth_user_id" in csrf_client.session


def test_pages_carry_the_csrf_token_for_htmx(csrf_client):
    html = csrf_client.get(reverse("core:dashboard")).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html


# --- error pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_unknown_url_gets_friendly_404(client, staff_user, signed_in):
    if signed_in:
        client.force_login(staff_user)
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert reverse("core:dashboard") in html
    assert "Using the URLconf" not in html  # Django's technical 404 is off


@pytest.mark.urls(__name__)
def test_server_error_page_leaks_nothing(client, caplog):
    client.raise_request_exception = False
    response = client.get("/test-boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "Der skete en fejl" in html
    for leak in (LEAKY, "RuntimeError", "Traceback", "raising_view", "SECRET_KEY", "settings"):
        assert leak not in html
    assert any(LEAKY in record.getMessage() or record.exc_info for record in caplog.records)


# --- passwords -----------------------------------------------------------------------------


def test_argon2_is_the_production_hasher():
    from labportal.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    encoded = Argon2PasswordHasher().encode("correct horse", Argon2PasswordHasher().salt())
    assert encoded.startswith("argon2$argon2id$")
    assert Argon2PasswordHasher().verify("correct horse", encoded)
    assert not Argon2PasswordHasher().verify("wrong horse", encoded)


def test_uploaded_files_are_not_served_even_with_debug(settings):
    """An uploaded booklet is not a page: /media/ is no URL, also in the demo (DEBUG on)."""
    import importlib

    from django.urls import Resolver404, resolve

    import labportal.urls

    settings.DEBUG = True
    try:
        module = importlib.reload(labportal.urls)
        with pytest.raises(Resolver404):
            resolve("/media/booklets/2026/11/haefte.pdf", urlconf=module)
    finally:
        settings.DEBUG = False
        importlib.reload(labportal.urls)

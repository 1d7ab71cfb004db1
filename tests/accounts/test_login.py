"""Signing in: one message for every failure, lockout after repeated failures, no sign-up."""

import pytest
from axes.models import AccessAttempt
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import translation

from labportal.accounts.forms import LoginForm

pytestmark = pytest.mark.django_db

PASSWORD = "secret-password"


def login(client, username: str, password: str, **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE="en",
        **extra,
    )


def invalid_login_message() -> str:
    with translation.override("en"):
        return str(LoginForm.error_messages["invalid_login"])


def test_login_page_is_public_and_has_the_form(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content
    assert b'autocomplete="current-password"' in response.content


def test_login_with_correct_password_signs_in(client, staff_user):
    response = login(client, "staff", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert client.session["_auth_user_id"] == str(staff_user.pk)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_login_keeps_next_within_the_site(client, staff_user):
    response = client.post(
        reverse("accounts:login"),
        {"username": "staff", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")


def test_wrong_password_and_unknown_user_give_the_same_message(client, staff_user):
    wrong_password = login(client, "staff", "not-the-password")
    unknown_user = login(client, "nobody-here", "not-the-password")
    assert wrong_password.status_code == unknown_user.status_code == 200
    message = invalid_login_message()
    assert message.encode() in wrong_password.content
    assert message.encode() in unknown_user.content
    assert wrong_password.context["form"].errors == unknown_user.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_out_username_and_address(client, staff_user):
    for _ in range(4):
        assert login(client, "staff", "wrong").status_code == 200
    locked = login(client, "staff", "wrong")
    assert locked.status_code == 429
    assert b"Too many failed sign-in attempts" in locked.content
    attempt = AccessAttempt.objects.get(username="staff")
    assert attempt.failures_since_start == 5
    assert attempt.ip_address == "127.0.0.1"

    # The right password does not get through while locked out.
    still_locked = login(client, "staff", PASSWORD)
    assert still_locked.status_code == 429
    assert b"Too many failed sign-in attempts" in still_locked.content
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, staff_user, make_user):
    make_user("staff", username="colleague")
    for _ in range(5):
        login(client, "staff", "wrong")
    # Another person on the same address (a shared school network) can still sign in ...
    assert login(client, "colleague", PASSWORD).status_code == 302
    client.logout()
    # ... and the same username from another address too.
    assert login(client, "staff", PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_fewer_failures_then_success_resets_the_count(client, staff_user):
    for _ in range(4):
        login(client, "staff", "wrong")
    assert login(client, "staff", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "staff", "wrong").status_code == 200


@pytest.mark.parametrize("path", ["/accounts/signup/", "/accounts/register/", "/signup/"])
def test_no_self_sign_up(client, path):
    assert client.get(path).status_code == 404


def test_no_sign_up_url_is_defined():
    names = {str(key) for key in get_resolver().reverse_dict if isinstance(key, str)}
    assert not {n for n in names if "signup" in n or "register" in n}
    for name in ("accounts:signup", "accounts:register", "signup", "register"):
        with pytest.raises(NoReverseMatch):
            reverse(name)


def test_logout_needs_post_and_signs_out(client_for, staff_user):
    client = client_for(staff_user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


PROXY = "10.0.0.5"  # the reverse proxy every request comes through


def test_behind_a_proxy_an_attacker_cannot_lock_out_the_real_person(client, staff_user, settings):
    settings.TRUSTED_PROXIES = 1
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for _ in range(6):
        login(client, "staff", "wrong", **attacker)
    assert login(client, "staff", "wrong", **attacker).status_code == 429
    # The person, from their own address through the same proxy, still signs in.
    person = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.20"}
    assert login(client, "staff", PASSWORD, **person).status_code == 302


def test_behind_a_proxy_a_forged_forwarded_address_does_not_escape_the_lock(
    client, staff_user, settings
):
    settings.TRUSTED_PROXIES = 1
    for n in range(5):
        # The client sends its own X-Forwarded-For; the proxy appends the real address.
        forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"192.0.2.{n}, 198.51.100.66"}
        login(client, "staff", "wrong", **forged)
    again = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.99, 198.51.100.66"}
    assert login(client, "staff", PASSWORD, **again).status_code == 429
    assert AccessAttempt.objects.get(username="staff").ip_address == "198.51.100.66"


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, staff_user, settings):
    settings.TRUSTED_PROXIES = 0
    for n in range(5):
        login(client, "staff", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert login(client, "staff", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.50").status_code == 429


def test_a_sign_out_ends_the_session_even_if_a_cache_brings_it_back(client, staff_user, settings):
    """A cache that missed the sign-out (a Redis away at that moment, back later with the old
    entry) cannot sign the old cookie in again."""
    from importlib import import_module

    from django.core.cache import cache

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert login(client, "staff", PASSWORD).status_code == 302
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    kept = cache.get(store.cache_key_prefix + old_key)
    assert kept is not None  # what the cache holds for the signed-in session

    client.post(reverse("accounts:logout"))
    cache.set(store.cache_key_prefix + old_key, kept)  # the cache comes back with it
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key

    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_a_sign_out_ends_the_persons_other_sessions_too(client, staff_user):
    from django.test import Client

    phone = Client()
    phone.force_login(staff_user)
    assert phone.get(reverse("core:dashboard")).status_code == 200
    assert login(client, "staff", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    assert phone.get(reverse("core:dashboard")).status_code == 302

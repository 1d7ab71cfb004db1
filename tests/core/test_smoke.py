import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dashboard_for_staff_shows_empty_states(client_for, staff_user):
    response = client_for(staff_user).get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert b"Content-Security-Policy" not in response.content
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"

"""/healthz: JSON with database and broker status; 503 when the database is down."""

import os
import socket

import pytest
from django.db import OperationalError
from django.urls import reverse

from labportal.core import health

pytestmark = pytest.mark.django_db


class BrokenConnection:
    """Stands in for django.db.connection when the database server is unreachable."""

    def cursor(self):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def closed_port() -> int:
    """A local port that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthy_database(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] in {"ok", "embedded"}
    assert "no-cache" in response["Cache-Control"]


def test_database_down_gives_503(client, monkeypatch):
    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "down"
    assert "Connection refused" not in response.content.decode()


def test_broker_embedded_without_redis(client, settings):
    settings.REDIS_URL = ""
    assert client.get(reverse("core:healthz")).json()["broker"] == "embedded"


def test_broker_down_when_redis_port_is_closed(client, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200  # the database decides readiness
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "down",
        "oldest_unfinished_job_seconds": None,
    }


def test_broker_ok_with_real_redis(client, settings):
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: no real Redis to report on")
    settings.REDIS_URL = url
    assert client.get(reverse("core:healthz")).json()["broker"] == "ok"


def test_healthz_is_public_and_get_only(client):
    assert client.get(reverse("core:healthz")).status_code == 200
    assert client.post(reverse("core:healthz")).status_code == 405

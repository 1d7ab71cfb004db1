"""PostgreSQL away: pages answer 503 with a short translated page, and the portal comes back by
itself when PostgreSQL does (labportal/core/unavailable.py, templates/503.html).

- A child process whose DATABASE_URL names a port where nothing listens calls the portal's
  WSGI application, as gunicorn does: signed-in pages (the session and the user are looked up
  in middleware) answer 503 in Danish or English, with no traceback and no server details;
  /healthz keeps answering with its JSON.
- A real gunicorn reaches PostgreSQL through a TCP relay that the test cuts and restores: the
  same worker answers 200, then 503 while PostgreSQL is away, then 200 again.
"""

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import pytest
from django.db import OperationalError, connection
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from labportal.core import views
from tests.processes import CONFIG_VARIABLES, REPO, run_django

NOWHERE = "postgres://postgres@127.0.0.1:1/x"  # nothing listens on port 1
SESSION = "sessionid=abcdefghijklmnopqrstuvwxyz012345"  # a session key that must be looked up
DANISH = "Portalen er midlertidigt utilgængelig"
ENGLISH = "The portal is temporarily unavailable"
UNAVAILABLE_LOG = "Database unavailable, answering 503"
GUNICORN_CONF = ("-c", "gunicorn.conf.py")
SERVER_DETAILS = ("Traceback", "OperationalError", "127.0.0.1", "port 1", "psycopg", "refused")

# The child calls the WSGI application directly, as gunicorn would, and prints the answers.
CALL_WSGI = """
import io, json, sys
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
answers = []
for path, headers in json.loads(sys.argv[1]):
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http", "wsgi.version": (1, 0), "wsgi.multithread": False,
        "wsgi.multiprocess": False, "wsgi.run_once": False, **headers,
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started.update(status=int(status.split()[0]), headers=dict(response_headers))

    body = b"".join(application(environ, start_response)).decode()
    answers.append({**started, "body": body})
print("ANSWERS " + json.dumps(answers))
"""


def call_portal(settings_module: str, requests: list, **variables: str):
    """The child's answers to `requests` ([path, extra WSGI environ]), and its stderr."""
    result = run_django(
        ["-c", CALL_WSGI, json.dumps(requests)],
        settings_module,
        DATABASE_URL=NOWHERE,
        PYTHONPATH=str(REPO),
        **variables,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("ANSWERS ")]
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines, result.stdout + result.stderr
    return json.loads(lines[-1].removeprefix("ANSWERS ")), result.stderr


def assert_unavailable_page(answer: dict, text: str, language: str) -> None:
    assert answer["status"] == 503, answer
    assert answer["headers"]["Retry-After"] == "30"
    assert answer["headers"]["Content-Type"].startswith("text/html")
    assert "no-store" in answer["headers"]["Cache-Control"]
    body = answer["body"]
    assert f"<h1>{text}</h1>" in body
    assert f'<html lang="{language}">' in body
    assert "/static/css/portal.css" in body  # looks like the portal
    for detail in SERVER_DETAILS:
        assert detail not in body


@pytest.mark.parametrize(
    "settings_module", ["labportal.settings.test", "labportal.settings.local"]
)  # local: DEBUG on, which must not bring back Django's debug page
def test_pages_answer_503_while_the_database_is_unreachable(settings_module):
    answers, log = call_portal(
        settings_module,
        [
            ["/", {"HTTP_COOKIE": SESSION}],
            ["/experiments/", {"HTTP_COOKIE": SESSION}],
            ["/experiments/", {"HTTP_COOKIE": SESSION, "HTTP_ACCEPT_LANGUAGE": "en"}],
            ["/experiments/", {"HTTP_COOKIE": f"{SESSION}; django_language=en"}],
            ["/healthz", {}],
            ["/healthz", {"HTTP_COOKIE": SESSION}],
            ["//elsewhere.example/", {"HTTP_COOKIE": SESSION}],  # its 404 page needs the user
        ],
    )
    dashboard, experiments, by_browser, by_cookie, healthz, healthz_with_session, odd = answers
    assert_unavailable_page(dashboard, DANISH, "da")
    assert_unavailable_page(experiments, DANISH, "da")
    assert_unavailable_page(by_browser, ENGLISH, "en")
    assert_unavailable_page(by_cookie, ENGLISH, "en")
    assert 'href="/experiments/">Try again</a>' in by_cookie["body"]
    assert_unavailable_page(odd, DANISH, "da")
    assert "elsewhere.example" not in odd["body"]  # "Try again" is no link to another site
    # /healthz still says which part is down, as JSON, with or without a session.
    for answer in (healthz, healthz_with_session):
        assert answer["status"] == 503
        assert answer["headers"]["Content-Type"] == "application/json"
        body = json.loads(answer["body"])
        assert (body["status"], body["database"], body["broker"]) == ("error", "down", "embedded")
    # One log line for all those requests (rate-limited), no traceback.
    assert log.count(UNAVAILABLE_LOG) == 1, log
    assert "Traceback" not in log
    assert "Service Unavailable: /experiments/" not in log


def test_the_503_page_needs_no_database(django_db_blocker):
    with django_db_blocker.block():
        for language, text in (("da", DANISH), ("en", ENGLISH)):
            with translation.override(language):
                html = render_to_string("503.html", {"retry_url": "/"})
            assert f"<h1>{text}</h1>" in html
            assert f'<html lang="{language}">' in html


@pytest.mark.django_db
def test_a_database_error_in_a_view_answers_503(monkeypatch, settings):
    """A view's own query failing reaches the middleware's process_exception."""

    def unreachable(*args, **kwargs):
        raise OperationalError('connection to server at "10.0.0.5", port 5432 failed')

    monkeypatch.setattr(views, "render", unreachable)
    client = Client()
    response = client.get("/tilgaengelighed/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert f"<h1>{DANISH}</h1>" in html
    assert "10.0.0.5" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert f"<h1>{ENGLISH}</h1>" in client.get("/tilgaengelighed/").content.decode()


# --- recovery: a real gunicorn, PostgreSQL cut and restored ---------------------------------


class Relay:
    """A TCP relay to PostgreSQL on a port of its own. stop() is PostgreSQL going away: new
    connections are refused and open ones are cut; start() is PostgreSQL coming back."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.listener = None
        self.accepting = None
        self.open_sockets: set[socket.socket] = set()
        self.lock = threading.Lock()

    def start(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.1)
        self.accepting = threading.Thread(target=self._accept, args=(self.listener,))
        self.accepting.start()

    def stop(self) -> None:
        listener, self.listener = self.listener, None
        self.accepting.join()  # out of accept() within 0.1 s: the port is closed for good
        listener.close()
        with self.lock:
            cut, self.open_sockets = self.open_sockets, set()
        for sock in cut:
            self._close(sock)

    def _accept(self, listener: socket.socket) -> None:
        while self.listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                self._close(client)
                continue
            with self.lock:
                self.open_sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            self._close(source)
            self._close(sink)

    @staticmethod
    def _close(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv() on it
        sock.close()


def http_get(port: int, path: str, cookie: str = "") -> tuple[int, dict, str]:
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection_.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection_.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection_.close()


@pytest.mark.django_db(transaction=True)  # the gunicorn child must see the user and session
def test_gunicorn_answers_503_while_postgresql_is_away_and_recovers_without_restart(
    make_user, settings, tmp_path
):
    database = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    user = make_user("staff", username="recovering")
    client = Client()
    client.force_login(user)
    session = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    relay = Relay((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    relay.start()
    credentials = quote(database["USER"] or "postgres", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in CONFIG_VARIABLES and not key.startswith(("DJANGO_", "GUNICORN_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="labportal.settings.test",
        DATABASE_URL=f"postgres://{credentials}@127.0.0.1:{relay.port}/{database['NAME']}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="1",  # one thread: its kept connection is the one PostgreSQL cuts
        GUNICORN_ACCESS_LOG="",
    )
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(  # noqa: S603 - our interpreter, our arguments
            [sys.executable, "-m", "gunicorn", "labportal.wsgi:application", *GUNICORN_CONF],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(600):  # a loop bound: gunicorn and Django starting
            try:
                http_get(port, "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        status, _, _ = http_get(port, "/", session)
        assert status == 200, log_path.read_text()
        assert http_get(port, "/experiments/", session)[0] == 200

        relay.stop()  # PostgreSQL goes away; the worker's kept connection is cut
        status, headers, body = http_get(port, "/", session)
        assert status == 503, log_path.read_text()
        assert headers["Retry-After"] == "30"
        assert f"<h1>{DANISH}</h1>" in body
        status, _, body = http_get(port, "/experiments/", f"{session}; django_language=en")
        assert status == 503
        assert f"<h1>{ENGLISH}</h1>" in body
        for detail in SERVER_DETAILS:
            assert detail not in body
        status, headers, body = http_get(port, "/healthz")
        assert (status, headers["Content-Type"]) == (503, "application/json")
        assert json.loads(body)["database"] == "down"

        relay.start()  # PostgreSQL is back: the next requests are served again
        assert http_get(port, "/", session)[0] == 200
        assert http_get(port, "/experiments/", session)[0] == 200
        status, _, body = http_get(port, "/healthz")
        assert (status, json.loads(body)["database"]) == (200, "ok")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if relay.listener is not None:
            relay.stop()

    log = log_path.read_text()
    assert log.count("Booting worker") == 1, log  # the same worker throughout: no restart
    assert log.count(UNAVAILABLE_LOG) == 1, log  # one line a minute
    assert "Traceback" not in log

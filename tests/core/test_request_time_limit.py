"""gunicorn.conf.py's request time limit: a worker with a thread stuck in a request is replaced.

A real gunicorn with the portal's configuration (gthread, one worker) serves a test WSGI app
(tests/core/stuck_wsgi.py) whose /stuck never answers. With GUNICORN_REQUEST_TIME_LIMIT=2 the
watchdog ends that worker and the arbiter starts another: /pid comes to answer another
process id, the stuck request's connection is closed, and the log names the path.
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.processes import CONFIG_VARIABLES, REPO

# Loop bounds, not timing assertions: generous, so a slow machine only takes longer.
START_ATTEMPTS = 600  # x 0.1 s
PID_ATTEMPTS = 600  # x 0.2 s


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn -c gunicorn.conf.py serving tests.core.stuck_wsgi: (port, log file path)."""
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in CONFIG_VARIABLES and not key.startswith(("DJANGO_", "GUNICORN_"))
    }
    env.update(
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_REQUEST_TIME_LIMIT="2",
        GUNICORN_ACCESS_LOG="",
    )
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "tests.core.stuck_wsgi:application",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield port, log_path
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def first_pid(port: int, log_path) -> str:
    for _ in range(START_ATTEMPTS):
        try:
            status, body = get(port, "/pid", timeout=30)
        except OSError:
            time.sleep(0.1)
            continue
        assert status == 200
        return body
    pytest.fail(f"gunicorn did not answer:\n{log_path.read_text()}")


def test_a_stuck_request_ends_its_worker_and_a_fresh_one_answers(gunicorn):
    port, log_path = gunicorn
    old_pid = first_pid(port, log_path)

    outcome: dict = {}

    def request_that_never_ends():
        try:
            outcome["answer"] = get(port, "/stuck", timeout=300)
        except Exception as exc:  # the outcome is what the test checks
            outcome["error"] = exc

    stuck = threading.Thread(target=request_that_never_ends, daemon=True)
    stuck.start()

    new_pid = old_pid
    for _ in range(PID_ATTEMPTS):
        # A connection the old worker took with it is asked again.
        with contextlib.suppress(OSError, http.client.HTTPException):
            _status, new_pid = get(port, "/pid", timeout=30)
        if new_pid != old_pid:
            break
        time.sleep(0.2)
    log = log_path.read_text()
    assert new_pid != old_pid, f"the stuck worker was never replaced:\n{log}"
    assert new_pid.isdigit()

    # The stuck request's connection ended (closed by the worker's exit, not timed out).
    stuck.join(timeout=120)
    assert not stuck.is_alive()
    assert "answer" not in outcome
    assert isinstance(outcome["error"], (ConnectionError, http.client.HTTPException)), outcome

    # The log names the path; the arbiter saw the old worker exit and started the new one.
    limit_lines = [line for line in log.splitlines() if "Request time limit" in line]
    assert len(limit_lines) == 1, log
    assert "GET /stuck" in limit_lines[0]
    assert f"Worker (pid:{old_pid}) exited with code 1" in log
    assert f"Booting worker with pid: {new_pid}" in log


def test_no_watchdog_when_the_limit_is_zero(monkeypatch):
    """GUNICORN_REQUEST_TIME_LIMIT=0 turns the limit off: no watchdog thread is started."""
    import runpy

    monkeypatch.setenv("GUNICORN_REQUEST_TIME_LIMIT", "0")
    config = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert config["REQUEST_TIME_LIMIT"] == 0

    class Worker:
        pass

    worker = Worker()
    before = {thread.name for thread in threading.enumerate()}
    config["post_worker_init"](worker)
    assert "request-time-limit" not in {thread.name for thread in threading.enumerate()} - before
    # The hooks still pair up without a watchdog.
    request = type("Request", (), {"method": "GET", "path": "/"})()
    config["pre_request"](worker, request)
    [(_started, method, path)] = worker.request_starts.values()
    assert (method, path) == ("GET", "/")
    config["post_request"](worker, request, {}, None)
    assert worker.request_starts == {}

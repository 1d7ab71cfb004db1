"""Gunicorn settings for the portal: the one place the Dockerfile, docker-compose and bench/ use.

    gunicorn labportal.wsgi -c gunicorn.conf.py

Every value can be overridden by an environment variable (or a command-line flag, which wins).
Threaded workers (gthread): a worker process per CPU keeps the pages CPU-bound work in parallel,
and its threads let a worker serve other requests while one waits on PostgreSQL or Redis or a
slow client, and keep HTTP connections alive. Each thread keeps its own persistent database
connection (CONN_MAX_AGE), so PostgreSQL sees workers x threads connections.

Request time limit (GUNICORN_REQUEST_TIME_LIMIT, 60 s; 0 turns it off). gunicorn's own
`timeout` cannot free a thread stuck in a request: a gthread worker's main loop goes on
notifying the arbiter while its threads work, so the arbiter never sees it as hung. The hooks
below record when each thread's request started, and a watchdog thread in every worker checks
once a second. When a request has run past the limit it logs an error naming the request's
path, stops the worker from taking new connections (its other threads finish their requests,
for a few seconds at most) and then ends the process, whose stuck thread would otherwise keep
it alive; the arbiter starts a fresh worker in its place. The limit counts from the request's
headers to the last byte of the response, uploads and downloads included: keep it well above
the slowest legitimate request. A thread that never lets go of the GIL (a long computation
inside one C call) stops the watchdog too, but then it also stops the worker's main loop,
and gunicorn's `timeout` ends the worker.
"""

import multiprocessing
import os
import threading
import time


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = _int("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count()))
threads = _int("GUNICORN_THREADS", 4)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Load Django once in the master and fork the workers from it: they share its memory, and a
# recycled worker starts in milliseconds instead of re-importing everything.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# Recycle workers now and then so that a slow leak cannot grow without bound. Not often: a new
# worker starts with cold caches (templates, URLs, translations, connections), and with 2,000
# requests the benchmark saw its first requests as p99 spikes of 600-800 ms.
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 2000)
# "-" logs each request to stdout (the container log); empty turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

REQUEST_TIME_LIMIT = _int("GUNICORN_REQUEST_TIME_LIMIT", 60)  # seconds; 0: no limit
# How long the other threads of a worker that hit the limit may take to finish their requests.
REQUEST_TIME_LIMIT_GRACE = 5


def post_worker_init(worker) -> None:
    worker.request_starts = {}  # thread ident -> (time.monotonic(), method, path)
    if REQUEST_TIME_LIMIT > 0:
        threading.Thread(
            target=_watch_request_times,
            args=(worker, REQUEST_TIME_LIMIT),
            name="request-time-limit",
            daemon=True,
        ).start()


def pre_request(worker, req) -> None:
    starts = getattr(worker, "request_starts", None)
    if starts is not None:
        starts[threading.get_ident()] = (time.monotonic(), req.method, req.path)


def post_request(worker, req, environ, resp) -> None:
    # gunicorn calls this in a `finally`, after the response was written or the request failed.
    starts = getattr(worker, "request_starts", None)
    if starts is not None:
        starts.pop(threading.get_ident(), None)


def _watch_request_times(worker, limit: float) -> None:
    while True:
        time.sleep(1)
        now = time.monotonic()
        # dict.copy() is one step under the GIL: the request threads may add and remove keys.
        running = worker.request_starts.copy()
        stuck = {
            ident: (started, method, path)
            for ident, (started, method, path) in running.items()
            if now - started > limit
        }
        if stuck:
            break
    for started, method, path in stuck.values():
        worker.log.error(
            "Request time limit (%s s) exceeded: %s %s has run for %.0f s; "
            "ending worker (pid: %s) so that a fresh one takes its place",
            limit,
            method,
            path,
            now - started,
            worker.pid,
        )
    # Stop accepting and let the other threads finish what they are doing...
    worker.alive = False
    deadline = time.monotonic() + min(REQUEST_TIME_LIMIT_GRACE, worker.cfg.graceful_timeout)
    while time.monotonic() < deadline and set(worker.request_starts.copy()) - set(stuck):
        time.sleep(0.1)
    # ...then end the process: the stuck thread would keep it from ever exiting (the interpreter
    # waits for the thread pool's threads at exit). Exit code 1: the arbiter logs it and starts
    # a new worker (3 and 4 would make it halt).
    os._exit(1)

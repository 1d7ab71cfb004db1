"""Gunicorn settings for the portal: the one place the Dockerfile, docker-compose and bench/ use.

    gunicorn labportal.wsgi -c gunicorn.conf.py

Every value can be overridden by an environment variable (or a command-line flag, which wins).
Threaded workers (gthread): a worker process per CPU keeps the pages CPU-bound work in parallel,
and its threads let a worker serve other requests while one waits on PostgreSQL or Redis or a
slow client, and keep HTTP connections alive. Each thread keeps its own persistent database
connection (CONN_MAX_AGE), so PostgreSQL sees workers x threads connections.
"""

import multiprocessing
import os


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

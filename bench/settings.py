"""Benchmark settings: production settings on loopback HTTP, plus a bare view for comparison."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault(
    "DATABASE_URL",
    os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/labportal_bench"),
)

os.environ.setdefault("REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"))

from labportal.settings.production import *  # noqa: F403
from labportal.settings.production import VAR_DIR

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False  # plain HTTP on loopback
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STATIC_ROOT = VAR_DIR / "bench-static"
# Production's logging (its once-a-minute filters for a Redis or database that is away), quieter.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
# `run.py --no-fragment-cache`: every page rendered from the database on every request (what
# the first visitor after a write gets).
FRAGMENT_CACHE = os.environ.get("BENCH_FRAGMENT_CACHE", "1") == "1"

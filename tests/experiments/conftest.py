"""Fixtures shared by tests/experiments (add yours below; keep the others)."""

from tests.experiments.wheel_support import eager_celery, wheel  # noqa: F401

"""Fixtures shared by tests/experiments (add yours below; keep the others)."""

from tests.booklet.support import booklet_path, booklet_text, media_root  # noqa: F401
from tests.experiments.list_support import staff_client, world  # noqa: F401
from tests.experiments.wheel_support import eager_celery, wheel  # noqa: F401

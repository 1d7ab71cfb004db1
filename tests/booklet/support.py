"""Fixtures for tests that read the real booklet or store uploads: imported by the conftest
of each folder that has such tests (tests/booklet, tests/experiments).

The real booklet is read from ../shared/booklets/ next to the repository (skipped if absent).
"""

from pathlib import Path

import pytest
from django.conf import settings

BOOKLET = (
    Path(settings.BASE_DIR).parent / "shared" / "booklets" / "nye-ledelses-og-samarbejdsformer.txt"
)


@pytest.fixture(scope="session")
def booklet_path() -> Path:
    if not BOOKLET.exists():
        pytest.skip(f"the real booklet is not here: {BOOKLET} (the shared folder is absent)")
    return BOOKLET


@pytest.fixture(scope="session")
def booklet_text(booklet_path) -> str:
    return booklet_path.read_text(encoding="utf-8")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT

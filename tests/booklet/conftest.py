"""The booklet parser, the stitched import and its command (labportal/booklet and
labportal/core/management/commands/import_booklet.py). Each app's part of the import is
tested with the app: tests/organisation, tests/experiments, tests/concepts `test_booklet.py`."""

import pytest

from tests.booklet.support import booklet_path, booklet_text, media_root  # noqa: F401


@pytest.fixture(autouse=True)
def _assertions_read_english(in_english):
    """These tests assert the English wording of messages; test_danish.py checks Danish."""

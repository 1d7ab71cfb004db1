from tests.booklet.support import booklet_path  # noqa: F401 - the real booklet, or a skip

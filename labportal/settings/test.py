"""Tests: fast hashing, mail to the outbox; DATABASE_URL and REDIS_URL as the environment gives."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Tasks run in the caller unless a test starts a real worker (tests/test_celery.py does).
CELERY_TASK_ALWAYS_EAGER = True
# Uploads and generated files of a test run never land in the developer's var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="labportal-test-media-"))
# One process (the test client and the live server's thread) shares even the local cache.
FRAGMENT_CACHE = True
# As in production with Redis: the session is read from the cache (the same query counts with
# or without REDIS_URL).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

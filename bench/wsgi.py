"""The portal's WSGI application, plus one path served by a Django handler with no
middleware at all: `/bench/raw/` (and `/bench/raw-insert/`, which inserts one row), the
bare-Django figures that peers are compared on.

Both handlers run in the same gunicorn workers, so the raw view, the bare view behind the
portal's middleware (`/bench/bare/`) and the pages share one server and one load."""

from django.core.handlers.wsgi import WSGIHandler
from django.test.utils import override_settings

from labportal.wsgi import application as portal

RAW_PATHS = frozenset({"/bench/raw/", "/bench/raw-insert/"})

with override_settings(MIDDLEWARE=[]):
    raw = WSGIHandler()  # the middleware chain is built now, from the empty list


def application(environ, start_response):
    handler = raw if environ.get("PATH_INFO") in RAW_PATHS else portal
    return handler(environ, start_response)

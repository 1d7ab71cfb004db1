"""503 while the database does not answer, and the portal back as soon as it does.

While PostgreSQL is away every page answers 503 with a short page in the visitor's language
(templates/503.html: it needs no database, no session and no context processor) and
`Retry-After`, instead of a 500 with a traceback in the log for every request. The log gets
one line (rate-limited in LOGGING). Nothing has to be restarted when PostgreSQL returns:
Django closes a connection that failed at the end of the request, and checks a kept one before
reusing it (CONN_HEALTH_CHECKS), so the next request connects afresh.

Catching the error takes two hooks, because Django turns an exception into a 500 response at
the edge of every middleware (`convert_exception_to_response`): the error of a view reaches
`process_exception`, but one raised inside another middleware (the session or the signed-in
user looked up for LoginRequiredMiddleware, the session saved on the way out) would never
reach a try/except around `get_response`. Django sends `got_request_exception` from inside
that conversion, with the exception being handled; our receiver raises a database error again
there for requests that passed through this middleware, so it climbs to `__call__` (skipping
the 500 page and its logged traceback). The receiver sees the exception through
`sys.exc_info()`, as Django's test client does, which holds under WSGI; under ASGI Django
converts in another thread and such an error stays a 500.

/healthz answers for itself: its view reports the database as down (JSON, 503); when a
middleware fails for it (a visitor with a session cookie), the view is asked again.
"""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_GUARDED = "_labportal_database_guard"  # set on requests that pass through the middleware
_ANSWERED = "_labportal_database_unavailable"  # set on requests answered with the 503 page


class DatabaseUnavailableMiddleware:
    """Place before SessionMiddleware, so that session and user lookups are covered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        setattr(request, _GUARDED, True)
        try:
            return self.get_response(request)
        except DATABASE_ERRORS as exc:
            return database_unavailable(request, exc)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, DATABASE_ERRORS):
            return database_unavailable(request, exception)
        return None


def _raise_database_errors_again(sender, request=None, **kwargs) -> None:
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS) and getattr(request, _GUARDED, False):
        raise exception


got_request_exception.connect(
    _raise_database_errors_again, dispatch_uid="labportal.core.unavailable"
)


def database_unavailable(request: HttpRequest, exception: Exception) -> HttpResponse:
    summary = (str(exception).strip().splitlines() or [""])[0]
    logger.error(
        "Database unavailable, answering 503 (%s: %s) for %s %s",
        type(exception).__name__,
        summary,
        request.method,
        request.path,
    )
    if request.path == reverse("core:healthz"):
        from .views import healthz

        return healthz(request)
    setattr(request, _ANSWERED, True)
    language = translation.get_language_from_request(request)
    # "Try again" asks for the same page; not a path that a browser would read as another
    # site (//host/...), and not a form sent again.
    retry_url = request.get_full_path()
    if request.method not in ("GET", "HEAD") or not url_has_allowed_host_and_scheme(
        retry_url, allowed_hosts=None
    ):
        retry_url = reverse("core:dashboard")
    with translation.override(language):
        html = render_to_string("503.html", {"retry_url": retry_url})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    # The middleware below this one that would add these may not have seen the response.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    add_never_cache_headers(response)
    response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
    response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
    return response


class SkipAnsweredRequests(logging.Filter):
    """For the django.request logger: drop the "Service Unavailable: /path" line that Django
    logs for every 503 page answered here (the line above says it, once a minute)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(getattr(record, "request", None), _ANSWERED, False)

"""The portal's URLs plus three references:

- /bench/raw/: a tiny response from a Django handler without middleware (bench/wsgi.py);
- /bench/bare/: the same response through the portal's middleware (session, auth, CSP, …);
- /bench/base/: an empty page in the site's base template (header, navigation, footer).
"""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from labportal.urls import urlpatterns as portal_urlpatterns

EMPTY_PAGE = engines["django"].from_string('{% extends "base.html" %}')


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


def base(request: HttpRequest) -> HttpResponse:
    return HttpResponse(EMPTY_PAGE.render({}, request))


urlpatterns = [
    path("bench/raw/", bare, name="bench_raw"),
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/base/", base, name="bench_base"),
    *portal_urlpatterns,
]

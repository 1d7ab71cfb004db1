"""The portal's URLs plus two references served through the same middleware:

- /bench/bare/: a tiny response without a template;
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
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/base/", base, name="bench_base"),
    *portal_urlpatterns,
]

"""The portal's URLs plus four references:

- /bench/raw/: a tiny response from a Django handler without middleware (bench/wsgi.py);
- /bench/raw-insert/: the same handler inserting one row (bench/bazar.py's baseline for
  the interest cards; the table `bench_insert` is made by that script);
- /bench/bare/: the same response through the portal's middleware (session, auth, CSP, …);
- /bench/base/: an empty page in the site's base template (header, navigation, footer).
"""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from labportal.urls import urlpatterns as portal_urlpatterns

EMPTY_PAGE = engines["django"].from_string('{% extends "base.html" %}')


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


def raw_insert(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_insert (body, at) VALUES (%s, now())",
            [request.POST.get("take_home", "")],
        )
    return HttpResponse(b"ok", content_type="text/plain")


def base(request: HttpRequest) -> HttpResponse:
    return HttpResponse(EMPTY_PAGE.render({}, request))


urlpatterns = [
    path("bench/raw/", bare, name="bench_raw"),
    path("bench/raw-insert/", raw_insert, name="bench_raw_insert"),
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/base/", base, name="bench_base"),
    *portal_urlpatterns,
]

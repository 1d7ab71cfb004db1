"""The portal's URLs plus /bench/bare/: a tiny response through the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from labportal.urls import urlpatterns as portal_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *portal_urlpatterns]

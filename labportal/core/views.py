"""The portal shell: dashboard, health, accessibility statement and error pages."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from . import health
from .panels import dashboard_context


@require_GET
@permission_required("portal.view", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "core/dashboard.html", dashboard_context(request.user))


@require_GET
@login_not_required
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database = health.database_ok()
    broker = health.broker_status()
    body = {
        "status": "ok" if database else "error",
        "database": "ok" if database else "down",
        "broker": broker,
        # Jobs wait while the broker or the workers are away; a growing age says so.
        "oldest_unfinished_job_seconds": health.oldest_job_seconds() if database else None,
    }
    return JsonResponse(body, status=200 if database else 503)


@require_GET
@login_not_required
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(
        request, "core/accessibility.html", {"contact_email": settings.PORTAL_CONTACT_EMAIL}
    )


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)

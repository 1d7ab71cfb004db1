from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import permission_required

from . import selectors, services


@require_GET
@permission_required("portal.view", raise_exception=True)
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for_user(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/inbox.html", {"page": page})


@require_POST
@permission_required("portal.view", raise_exception=True)
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_read(user=request.user)
    message = ngettext(
        "%(count)d notification marked as read.", "%(count)d notifications marked as read.", count
    )
    messages.success(request, message % {"count": count})
    return redirect("notifications:inbox")


@require_GET
@permission_required("portal.view", raise_exception=True)
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of my notifications read and follow its link (or back to the inbox)."""
    notification = get_object_or_404(selectors.notifications_for_user(request.user), pk=pk)
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications:inbox")

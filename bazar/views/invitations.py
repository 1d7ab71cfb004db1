"""The invitations page of an event, for its organisers: who comes for each education, the
invite and remove forms, and the button that sends the invitation e-mails. Thin: forms
parse, services (and invitations.py) write and check every rule again."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import permission_required

from .. import services, statuses
from ..enums import Action
from ..exceptions import BazarError
from ..forms_invitations import InviteForm
from ..invitations import invitation_overview
from ..invitations import invitations_send as record_invitations
from .organise_base import organiser_event, refused, say_invitations_queued


def _page(request, event, form=None, status: int = 200) -> HttpResponse:
    can_invite = statuses.allows(event, Action.INVITE)
    context = {
        "event": event,
        "overview": invitation_overview(event),
        "can_invite": can_invite,
        "form": form or (InviteForm(event=event) if can_invite else None),
        "crumbs": [
            (reverse("bazar:index"), _("Bazar")),
            (event.get_absolute_url(), event.title),
            (None, _("Invitations")),
        ],
    }
    return render(request, "bazar/invitations/page.html", context, status=status)


def _back(event) -> HttpResponse:
    return redirect("bazar:invitations", event=event.slug)


@require_GET
@permission_required("portal.view", raise_exception=True)
def invitations(request: HttpRequest, event: str) -> HttpResponse:
    return _page(request, organiser_event(request, event))


@require_POST
@permission_required("portal.view", raise_exception=True)
def invitation_add(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    form = InviteForm(request.POST, event=event)
    if not form.is_valid():
        return _page(request, event, form, status=400)
    try:
        attendee = services.attendee_invite(event=event, by=request.user, **form.cleaned_data)
    except BazarError as exc:
        form.add_error(None, exc.message)
        return _page(request, event, form, status=exc.status)
    messages.success(
        request,
        _("%(person)s is on the list for %(education)s.")
        % {"person": attendee.user, "education": attendee.education.name},
    )
    return _back(event)


@require_POST
@permission_required("portal.view", raise_exception=True)
def invitation_remove(request: HttpRequest, event: str, attendee: int) -> HttpResponse:
    event = organiser_event(request, event)
    found = event.attendees.select_related("user").filter(pk=attendee).first()
    if found is None:
        raise Http404
    try:
        services.attendee_remove(event=event, by=request.user, attendee=found)
    except BazarError as exc:
        return _page(request, event, status=refused(request, exc))
    messages.success(request, _("%(person)s is no longer invited.") % {"person": found.user})
    return _back(event)


@require_POST
@permission_required("portal.view", raise_exception=True)
def invitations_send(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    try:
        n = record_invitations(event=event, by=request.user)
    except BazarError as exc:
        return _page(request, event, status=refused(request, exc))
    say_invitations_queued(request, n, _("Everyone on the list has been invited already."))
    return _back(event)

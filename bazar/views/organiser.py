"""The organisers' event pages: creating an event, the overview with its status moves,
editing the details, and the working group with its representation."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from bazar import selectors, selectors_organiser, services, statuses
from bazar.enums import Action, EventStatus
from bazar.exceptions import BazarError
from bazar.forms_organiser import EventForm, MoveForm, WorkingGroupForm

from .organise_base import form_refused, frame, organiser_event, refused


def _overview(event):
    return reverse("bazar:organise", kwargs={"event": event.slug})


@require_http_methods(["GET", "POST"])
@permission_required("portal.view", raise_exception=True)
def event_create(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("bazar.create_event", request.user):
        raise PermissionDenied
    form = EventForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                event = services.event_create(by=request.user, **form.cleaned_data)
            except BazarError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(
                    request, _("The event “%(title)s” has been created.") % {"title": event.title}
                )
                return redirect(_overview(event))
    context = {
        "form": form,
        "crumbs": [(reverse("bazar:index"), _("Bazar")), (None, _("New event"))],
    }
    return render(request, "bazar/organise/event_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@permission_required("portal.view", raise_exception=True)
def event_edit(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    form = EventForm(request.POST if request.method == "POST" else None, event=event)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                changed = services.event_update(event=event, by=request.user, **form.cleaned_data)
            except BazarError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                if changed:
                    messages.success(request, _("Your changes have been saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect(_overview(event))
    context = frame(event, "event_edit", _("Edit the event"), form=form)
    return render(request, "bazar/organise/event_form.html", context, status=status)


def _overview_page(request, event, status: int = 200) -> HttpResponse:
    moves = [
        {"status": to, "back": to == statuses.BACK.get(EventStatus(event.status))}
        for to in statuses.moves_from(event.status)
    ]
    context = frame(
        event,
        "organise",
        _("Overview"),
        allowed=statuses.allowed_labels(event.status),
        moves=moves,
        counts=selectors_organiser.event_counts(event),
        can_check_in=statuses.allows(event, Action.CHECK_IN),
    )
    return render(request, "bazar/organise/overview.html", context, status=status)


@require_http_methods(["GET"])
@permission_required("portal.view", raise_exception=True)
def organise(request: HttpRequest, event: str) -> HttpResponse:
    return _overview_page(request, organiser_event(request, event))


@require_POST
@permission_required("portal.view", raise_exception=True)
def event_move(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the status to move the event to."))
        return _overview_page(request, event, status=400)
    to_status = EventStatus(form.cleaned_data["to_status"])
    event.status = form.cleaned_data["from_status"]  # what the page showed: stale → 409
    try:
        services.event_move(event=event, by=request.user, to_status=to_status)
    except BazarError as exc:
        status = refused(request, exc)
        return _overview_page(request, selectors.event_for_user(request.user, event.slug), status)
    messages.success(request, _("The event is now “%(status)s”.") % {"status": to_status.label})
    return redirect(_overview(event))


# --- the working group --------------------------------------------------------------------


def _working_group_page(request, event, form=None, status: int = 200) -> HttpResponse:
    context = frame(
        event,
        "working_group",
        _("Working group"),
        form=form or WorkingGroupForm(event=event),
        representation=selectors.representation(event),
    )
    return render(request, "bazar/organise/working_group.html", context, status=status)


@require_http_methods(["GET", "POST"])
@permission_required("portal.view", raise_exception=True)
def working_group(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    if request.method == "GET":
        return _working_group_page(request, event)
    form = WorkingGroupForm(request.POST, event=event)
    if not form.is_valid():
        return _working_group_page(request, event, form, form_refused(request))
    try:
        member = services.working_group_add(event=event, by=request.user, **form.cleaned_data)
    except BazarError as exc:
        return _working_group_page(request, event, form, refused(request, exc))
    name = member.user.get_full_name() or member.user.username
    messages.success(request, _("%(person)s has joined the working group.") % {"person": name})
    return redirect("bazar:working_group", event=event.slug)


@require_POST
@permission_required("portal.view", raise_exception=True)
def working_group_remove(request: HttpRequest, event: str, member: int) -> HttpResponse:
    event = organiser_event(request, event)
    member = selectors_organiser.member_of_event(event, member)
    try:
        services.working_group_remove(member=member, by=request.user)
    except BazarError as exc:
        return _working_group_page(request, event, status=refused(request, exc))
    name = member.user.get_full_name() or member.user.username
    messages.success(request, _("%(person)s has left the working group.") % {"person": name})
    return redirect("bazar:working_group", event=event.slug)

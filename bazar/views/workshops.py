"""A follow-up group's page (its members and the organisers only; others are told it does
not exist): the members, the practice, and the two workshops as forms that save field by
field as they go (htmx; without JavaScript each field's form posts and comes back here).
Organisers also schedule each workshop and send the invitations from here."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from bazar import selectors, selectors_groups, services_workshops, statuses
from bazar.enums import Action
from bazar.exceptions import BazarError
from bazar.forms_groups import ScheduleForm, field_value
from bazar.models import Workshop
from bazar.workshops import TITLES, WORKSHOP_FIELDS, field_of

from .organise_base import organiser_event, refused, say_invitations_queued

TEMPLATE = "bazar/groups/group.html"


def _entry(workshop: Workshop, field, *, value=None, saved=False, error="") -> dict:
    """What the template needs to show one field of one workshop."""
    value = workshop.content.get(field.name) if value is None else value
    if field.kind == "rows":
        shown = [*(value or []), dict.fromkeys((c.name for c in field.columns), "")]
    elif field.kind == "list":
        shown = [*(value or []), ""]
    else:
        shown = value or ""
    return {
        "workshop": workshop,
        "field": field,
        "value": shown,
        "saved": saved,
        "error": error,
        "id": f"wf-{workshop.number}-{field.name}",
    }


def _context(request, event, group, **extra) -> dict:
    detail = selectors_groups.group_detail(group)
    user = request.user
    can_edit = user.has_perm("bazar.edit_workshop", group) and event.status in (
        services_workshops.WRITABLE
    )
    organiser = user.has_perm("bazar.manage_event", event)
    can_schedule = organiser and statuses.allows(event, Action.FORM_GROUPS)
    workshops = []
    for workshop in detail.workshops:
        workshops.append(
            {
                "workshop": workshop,
                "title": TITLES.get(workshop.number, ""),
                "entries": [_entry(workshop, f) for f in WORKSHOP_FIELDS.get(workshop.number, ())],
                "schedule": ScheduleForm.for_workshop(workshop, f"w{workshop.number}")
                if can_schedule
                else None,
            }
        )
    crumbs = [(reverse("bazar:index"), _("Bazar")), (event.get_absolute_url(), event.title)]
    if organiser:
        crumbs.append(
            (reverse("bazar:groups", kwargs={"event": event.slug}), _("Follow-up groups"))
        )
    crumbs.append((None, group.title))
    return {
        "event": event,
        "group": group,
        "members": detail.members,
        "workshops": workshops,
        "can_edit": can_edit,
        "organiser": organiser,
        "can_schedule": can_schedule,
        "crumbs": crumbs,
        **extra,
    }


def _found(request: HttpRequest, event: str, group_id: int):
    found = selectors.event_for_user(request.user, event)
    return found, selectors_groups.group_for_user(request.user, found, group_id)


@require_GET
@permission_required("portal.view", raise_exception=True)
def group(request: HttpRequest, event: str, group_id: int) -> HttpResponse:
    event, group = _found(request, event, group_id)
    return render(request, TEMPLATE, _context(request, event, group))


def _workshop(group, number: int) -> Workshop:
    workshop = next((w for w in group.workshops.all() if w.number == number), None)
    if workshop is None:
        raise Http404
    workshop.group = group
    return workshop


@require_POST
@vary_on_headers("HX-Request")
@permission_required("portal.view", raise_exception=True)
def workshop_save(request: HttpRequest, event: str, group_id: int, number: int) -> HttpResponse:
    """Save one field (`field` names it). Someone who may see the event but is not in the
    group is refused (403) with a message; nothing changes."""
    found = selectors.event_for_user(request.user, event)
    group = selectors_groups.group_in_event(found, group_id)
    workshop = _workshop(group, number)
    field = field_of(number, request.POST.get("field", ""))
    if field is None:
        messages.error(request, _("The workshop has no such field."))
        return _refusal(request, found, group, 400)
    value = field_value(field, request.POST)
    try:
        workshop = services_workshops.workshop_save(
            workshop=workshop, by=request.user, field=field.name, value=value
        )
    except BazarError as exc:
        if request.htmx:  # the field as sent, with the message
            entry = _entry(workshop, field, value=value, error=exc.message)
            if not field.is_list:
                entry["value"] = value
            return _field(request, found, group, entry, exc.status)
        return _refusal(request, found, group, refused(request, exc))
    if request.htmx:
        return _field(request, found, group, _entry(workshop, field, saved=True), 200)
    messages.success(request, _("Saved"))
    return redirect(f"{_url(found, group)}#wf-{number}-{field.name}")


def _field(request, event, group, entry: dict, status: int) -> HttpResponse:
    context = {"entry": entry, "can_edit": True, "event": event, "group": group}
    return render(request, f"{TEMPLATE}#field", context, status=status)


def _url(event, group) -> str:
    return reverse("bazar:group", kwargs={"event": event.slug, "group_id": group.pk})


def _refusal(request, event, group, status: int) -> HttpResponse:
    """The group's page with the message for those who may see it; a short page for others."""
    if request.user.has_perm("bazar.view_group", group) and not request.htmx:
        return render(request, TEMPLATE, _context(request, event, group), status=status)
    return render(
        request, "bazar/groups/refused.html", {"event": event, "crumbs": []}, status=status
    )


def _organiser(request, event: str, group_id: int, number: int):
    found = organiser_event(request, event)
    group = selectors_groups.group_in_event(found, group_id)
    return found, group, _workshop(group, number)


@require_POST
@permission_required("portal.view", raise_exception=True)
def workshop_schedule(request: HttpRequest, event: str, group_id: int, number: int):
    event, group, workshop = _organiser(request, event, group_id, number)
    form = ScheduleForm(request.POST, prefix=f"w{number}")
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below; nothing has been changed."))
        context = _context(request, event, group)
        for entry in context["workshops"]:
            if entry["workshop"].number == number:
                entry["schedule"] = form
        return render(request, TEMPLATE, context, status=400)
    starts_at, ends_at = form.times()
    try:
        services_workshops.workshop_schedule(
            workshop=workshop,
            by=request.user,
            starts_at=starts_at,
            ends_at=ends_at,
            place=form.cleaned_data["place"],
        )
    except BazarError as exc:
        status = refused(request, exc)
        return render(request, TEMPLATE, _context(request, event, group), status=status)
    messages.success(request, _("The workshop's time and place are saved."))
    return redirect(f"{_url(event, group)}#workshop-{number}")


@require_POST
@permission_required("portal.view", raise_exception=True)
def workshop_invite(request: HttpRequest, event: str, group_id: int, number: int):
    event, group, workshop = _organiser(request, event, group_id, number)
    try:
        n = services_workshops.workshop_invite(workshop=workshop, by=request.user)
    except BazarError as exc:
        status = refused(request, exc)
        return render(request, TEMPLATE, _context(request, event, group), status=status)
    say_invitations_queued(request, n, _("Every member has been invited to this time already."))
    return redirect(f"{_url(event, group)}#workshop-{number}")

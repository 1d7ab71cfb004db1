"""The day of the event: checking people in at the door (a search that filters as you
type, one big toggle per person) and the live compliance table (does every education come
with a leader and a teacher?)."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from bazar import selectors, selectors_organiser, services, statuses
from bazar.enums import Action, EventStatus
from bazar.exceptions import BazarError
from bazar.forms_organiser import CheckInForm, SearchForm

from .organise_base import CHECK_IN, frame, organiser_event, refused, why_not

TEMPLATE = "bazar/organise/check_in.html"


def poll_seconds(default: int) -> int:
    """How often live pages ask again (settings.BAZAR_POLL_SECONDS, for tests)."""
    return getattr(settings, "BAZAR_POLL_SECONDS", None) or default


def _check_in_context(event, q: str, **extra) -> dict:
    attendees = selectors_organiser.attendees_matching(event, q)
    limit = selectors_organiser.CHECK_IN_LIMIT
    return frame(
        event,
        "check_in",
        _("Check-in"),
        q=q,
        attendees=attendees[:limit],
        more=len(attendees) > limit,
        can_check_in=statuses.allows(event, Action.CHECK_IN),
        check_in_reason=why_not(event, Action.CHECK_IN),
        **extra,
    )


@require_GET
@vary_on_headers("HX-Request")
@permission_required("portal.view", raise_exception=True)
def check_in(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event, CHECK_IN)
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    context = _check_in_context(event, q, form=form)
    return render(request, f"{TEMPLATE}#results" if request.htmx else TEMPLATE, context)


@require_POST
@vary_on_headers("HX-Request")
@permission_required("portal.view", raise_exception=True)
def check_in_toggle(request: HttpRequest, event: str) -> HttpResponse:
    """Mark one attendee present or not. With htmx the answer is that person's row (also
    for a refusal, with its status and the message); without, back to the search."""
    event = organiser_event(request, event, CHECK_IN)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a person to check in."))
        return render(
            request, TEMPLATE, _check_in_context(event, "", form=SearchForm()), status=400
        )
    q = form.cleaned_data["q"].strip()
    attendee = selectors_organiser.attendee_of_event(event, form.cleaned_data["attendee"])
    status, note = 200, ""
    try:
        attendee = services.attendee_check_in(
            event=event, by=request.user, attendee=attendee, present=form.cleaned_data["present"]
        )
    except BazarError as exc:
        status = refused(request, exc)
        attendee = selectors_organiser.attendee_of_event(event, attendee.pk)
    else:
        name = attendee.user.get_full_name() or attendee.user.username
        if attendee.is_checked_in:
            note = _("%(person)s is checked in.") % {"person": name}
        else:
            note = _("%(person)s is no longer checked in.") % {"person": name}
        if not request.htmx:
            messages.success(request, note)
            url = reverse("bazar:check_in", kwargs={"event": event.slug})
            return redirect(f"{url}?{urlencode({'q': q})}" if q else url)
    if request.htmx:
        context = frame(
            event,
            "check_in",
            _("Check-in"),
            attendee=attendee,
            q=q,
            can_check_in=statuses.allows(event, Action.CHECK_IN),
            note=note,
            toggled=True,
        )
        return render(request, f"{TEMPLATE}#row", context, status=status)
    return render(
        request, TEMPLATE, _check_in_context(event, q, form=SearchForm({"q": q})), status=status
    )


@require_GET
@vary_on_headers("HX-Request")
@permission_required("portal.view", raise_exception=True)
def compliance(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event, CHECK_IN)
    report = selectors.compliance(event)
    rows = report.missing + [row for row in report.rows if row.meets]
    context = frame(
        event,
        "compliance",
        _("Attendance rule"),
        report=report,
        rows=rows,
        polling=event.status == EventStatus.RUNNING,
        poll_seconds=poll_seconds(15),
    )
    template = "bazar/organise/compliance.html"
    return render(request, f"{template}#table" if request.htmx else template, context)

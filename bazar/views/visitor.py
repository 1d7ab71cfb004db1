"""The visitors' pages of the bazar: the list of events, an event with its programme and
booths, and the pre-registration toggle (the booth page and the cards are in cards.py)."""

import rules
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import permission_required

from concepts.selectors_publications import latest_fact_sheets

from .. import selectors, selectors_groups, selectors_visitor, services, statuses
from ..enums import Action
from ..exceptions import BazarError
from ..forms import FORM_BROKEN, PreRegisterForm


@require_GET
@permission_required("portal.view", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    events = selectors.events_for_user(user)
    counts = selectors_visitor.card_counts(user, [event.pk for event in events])
    for event in events:
        event.my_card_count = counts.get(event.pk, 0)
        event.can_write = event.viewer_is_attendee and statuses.allows(event, Action.WRITE_CARD)
        event.can_pre_register = event.viewer_is_attendee and statuses.allows(
            event, Action.PRE_REGISTER
        )
    context = {
        "upcoming": [event for event in events if event.is_upcoming],
        "past": [event for event in events if not event.is_upcoming],
        # The organisers' "New bazar" button goes where the template marks it.
        "can_create": rules.has_perm("bazar.create_event", user),
        "crumbs": [(None, _("Bazar"))],
    }
    return render(request, "bazar/index.html", context)


def _booth_groups(booths, themes) -> list[tuple]:
    """(theme, booths) in the themes' order, booths without a theme last (theme None)."""
    if not themes:
        return [(None, booths)] if booths else []
    groups = [(theme, [b for b in booths if b.theme_id == theme.pk]) for theme in themes]
    groups.append((None, [b for b in booths if b.theme_id is None]))
    return [(theme, members) for theme, members in groups if members]


def event_context(request: HttpRequest, event) -> dict:
    """What the event page shows for this person."""
    user = request.user
    attendee = bool(event.viewer_is_attendee)
    booths = selectors.booths_of_event(event)
    sheets = latest_fact_sheets([b.experiment_id for b in booths if b.experiment_id])
    can_pre_register = attendee and statuses.allows(event, Action.PRE_REGISTER)
    pre_registered = selectors.my_pre_registrations(user, event) if can_pre_register else set()
    cards = selectors_visitor.cards_by_booth(user, event) if attendee else {}
    for booth in booths:
        booth.fact_sheet = sheets.get(booth.experiment_id)
        booth.pre_registered = booth.pk in pre_registered
        booth.my_card = cards.get(booth.pk)
    themes = selectors_visitor.themes_of_event(event)
    return {
        "event": event,
        "attendee": attendee,
        "themes": themes,
        "groups": _booth_groups(booths, themes),
        "booth_count": len(booths),
        "rounds": selectors.rounds_of_event(event),
        "can_pre_register": can_pre_register,
        "can_write": attendee and statuses.allows(event, Action.WRITE_CARD),
        "card_count": len(cards),
        "my_followup_groups": selectors_groups.my_groups(user, event),
        # The organisers' link to their pages goes where the template marks it.
        "can_manage": user.has_perm("bazar.manage_event", event),
        "crumbs": [(reverse("bazar:index"), _("Bazar")), (None, event.title)],
    }


@require_GET
@permission_required("portal.view", raise_exception=True)
def event(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_for_user(request.user, slug)
    return render(request, "bazar/event.html", event_context(request, event))


@require_POST
@permission_required("portal.view", raise_exception=True)
def pre_register(request: HttpRequest, event: str, booth: str) -> HttpResponse:
    """Mark (wanted=1) or unmark (wanted=0) interest in a booth; back to the event page."""
    found = selectors.event_for_user(request.user, event)
    stand = selectors.booth_for_event(found, booth)
    if stand is None:
        messages.error(request, _("That booth is not part of this event (any more)."))
        return render(request, "bazar/event.html", event_context(request, found), status=404)
    form = PreRegisterForm(request.POST)
    if not form.is_valid():
        messages.error(request, FORM_BROKEN)
        return render(request, "bazar/event.html", event_context(request, found), status=400)
    try:
        wanted = services.pre_register(
            event=found, user=request.user, booth=stand, wanted=form.cleaned_data["wanted"]
        )
    except BazarError as exc:
        messages.error(request, exc.message)
        return render(request, "bazar/event.html", event_context(request, found), status=exc.status)
    if wanted:
        text = _("You have pre-registered for “%(booth)s”.")
    else:
        text = _("You are no longer pre-registered for “%(booth)s”.")
    messages.success(request, text % {"booth": stand.title})
    return redirect(f"{found.get_absolute_url()}#booth-{stand.slug}")

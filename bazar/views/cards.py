"""The booth page (where a booth's QR code leads) with the interest card form, and the
visitor's own cards ("Mine balkort")."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from concepts.selectors_publications import latest_fact_sheets
from experiments.fact_sheet import plain, shorten

from .. import selectors, selectors_visitor, services, statuses
from ..enums import Action
from ..exceptions import BazarError
from ..forms import CardForm
from ..models_people import TAKE_HOME_MAX_LENGTH

CHALLENGE_CHARACTERS = 280


def _crumbs(event, last: str, *, middle: tuple | None = None) -> list[tuple]:
    crumbs = [(reverse("bazar:index"), _("Bazar")), (event.get_absolute_url(), event.title)]
    if middle:
        crumbs.append(middle)
    return [*crumbs, (None, last)]


def _missing(request: HttpRequest, event) -> HttpResponse:
    """An old QR sign or a removed booth: say so kindly and point to the event."""
    context = {"event": event, "crumbs": _crumbs(event, _("Booth not found"))}
    return render(request, "bazar/booth_missing.html", context, status=404)


def _submit(request: HttpRequest, event, booth, form: CardForm) -> tuple[bool, int]:
    """Save the card from a valid form; on a refusal the error goes on the form. The same
    form sent again (a double tap) says nothing more: its first sending said it."""
    data = form.cleaned_data
    try:
        card, created = services.card_submit(
            event=event,
            booth=booth,
            visitor=request.user,
            commitment=data["commitment"],
            take_home=data["take_home"],
            visited=data["visited"],
            submission=data["submission"],
        )
    except BazarError as exc:
        form.add_error(None, exc.message)
        return False, exc.status
    if created or card.submission != data["submission"]:
        messages.success(
            request,
            _(
                "Your interest card for “%(booth)s” is saved. "
                "You can change it while the bazar runs."
            )
            % {"booth": booth.title},
        )
    return True, 200


@require_http_methods(["GET", "POST"])
@permission_required("portal.view", raise_exception=True)
def booth(request: HttpRequest, event: str, booth: str) -> HttpResponse:
    user = request.user
    sending = request.method == "POST"
    # A card being sent reads only what saving it needs (the burst at a bazar is all POSTs);
    # the page, when it is shown again, reads the rest.
    found = selectors.event_for_user(user, event, institutions=not sending)
    stand = selectors.booth_for_event(found, booth, hosts=not sending)
    if stand is None:
        return _missing(request, found)
    can_write = bool(found.viewer_is_attendee) and statuses.allows(found, Action.WRITE_CARD)
    status = 200
    if sending:
        form = CardForm(request.POST)
        status = 400
        if form.is_valid():
            saved, status = _submit(request, found, stand, form)
            if saved:
                # The page from the top: the success message shows above the card.
                return redirect(stand.get_absolute_url() + "#main")
        stand = selectors.booth_for_event(found, booth) or stand
    card = selectors_visitor.card_at_booth(user, stand)
    if not sending:
        form = CardForm(card=card)
    experiment = stand.experiment
    sheets = latest_fact_sheets([experiment.pk]) if experiment else {}
    context = {
        "event": found,
        "booth": stand,
        "experiment": experiment,
        "challenge": shorten(plain(experiment.challenge), CHALLENGE_CHARACTERS)
        if experiment
        else "",
        "fact_sheet": sheets.get(getattr(experiment, "pk", None)),
        "card": card,
        "form": form,
        "show_form": can_write or form.is_bound,
        "attendee": bool(found.viewer_is_attendee),
        "max_length": TAKE_HOME_MAX_LENGTH,
        "crumbs": _crumbs(found, stand.title),
    }
    return render(request, "bazar/booth.html", context, status=status)


@require_GET
@permission_required("portal.view", raise_exception=True)
def my_cards(request: HttpRequest, event: str) -> HttpResponse:
    found = selectors.event_for_user(request.user, event)
    cards = selectors.my_cards(request.user, found)
    for mine in cards:
        mine.booth.event = found  # for the booth's URL, without a query per card
    context = {
        "event": found,
        "cards": cards,
        "can_write": bool(found.viewer_is_attendee) and statuses.allows(found, Action.WRITE_CARD),
        "attendee": bool(found.viewer_is_attendee),
        "crumbs": _crumbs(found, _("My interest cards")),
    }
    return render(request, "bazar/my_cards.html", context)


@require_GET
@permission_required("portal.view", raise_exception=True)
def card(request: HttpRequest, event: str, card_id: int) -> HttpResponse:
    found = selectors.event_for_user(request.user, event)
    mine = selectors.card_for_user(request.user, card_id)
    if mine.booth.event_id != found.pk:
        raise Http404
    my_cards_url = reverse("bazar:my_cards", kwargs={"event": found.slug})
    context = {
        "event": found,
        "card": mine,
        "booth": mine.booth,
        "can_write": bool(found.viewer_is_attendee) and statuses.allows(found, Action.WRITE_CARD),
        "crumbs": _crumbs(found, mine.booth.title, middle=(my_cards_url, _("My interest cards"))),
    }
    return render(request, "bazar/card.html", context)

"""The programme: pitch rounds (round 1, shopping, round 2) and the booths' slots in them,
added, timed, reordered and removed."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from bazar import selectors, selectors_organiser, services
from bazar.exceptions import BazarError
from bazar.forms_organiser import DirectionForm, RoundForm, SlotAddForm, SlotTimeForm

from .organise_base import form_refused, frame, organiser_event, refused


def _rounds_page(request, event, *, round_form=None, status=200) -> HttpResponse:
    context = frame(
        event,
        "rounds",
        _("Pitch rounds"),
        rounds=selectors.rounds_of_event(event),
        round_form=round_form or RoundForm(event=event),
        booth_choices=list(event.booths.order_by("order", "title")),
    )
    return render(request, "bazar/organise/rounds.html", context, status=status)


def _back(event) -> HttpResponse:
    return redirect("bazar:rounds", event=event.slug)


def _moved(items: list, item, direction: str) -> list:
    """`items` with `item` one place up or down."""
    items = list(items)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    to = index - 1 if direction == "up" else index + 1
    if 0 <= to < len(items):
        items[index], items[to] = items[to], items[index]
    return items


@transaction.atomic
def _renumber(items: list, update) -> None:
    """Number `items` 1, 2, 3 … in this order, through the service `update`."""
    for number, item in enumerate(items, start=1):
        if item.order != number:
            update(item, number)


@require_http_methods(["GET", "POST"])
@permission_required("portal.view", raise_exception=True)
def rounds(request: HttpRequest, event: str) -> HttpResponse:
    """The rounds; a POST adds one."""
    event = organiser_event(request, event)
    if request.method == "GET":
        return _rounds_page(request, event)
    form = RoundForm(request.POST, event=event)
    if not form.is_valid():
        return _rounds_page(request, event, round_form=form, status=form_refused(request))
    try:
        services.round_add(event=event, by=request.user, **form.cleaned_data)
    except BazarError as exc:
        return _rounds_page(request, event, round_form=form, status=refused(request, exc))
    messages.success(request, _("The round has been added."))
    return _back(event)


def _act(request, event, call, success: str) -> HttpResponse:
    try:
        call()
    except BazarError as exc:
        return _rounds_page(request, event, status=refused(request, exc))
    messages.success(request, success)
    return _back(event)


@require_POST
@permission_required("portal.view", raise_exception=True)
def round_remove(request: HttpRequest, event: str, round: int) -> HttpResponse:
    event = organiser_event(request, event)
    pitch_round = selectors_organiser.round_of_event(event, round)
    return _act(
        request,
        event,
        lambda: services.round_remove(round=pitch_round, by=request.user),
        _("The round has been removed."),
    )


@require_POST
@permission_required("portal.view", raise_exception=True)
def round_move(request: HttpRequest, event: str, round: int) -> HttpResponse:
    event = organiser_event(request, event)
    pitch_round = selectors_organiser.round_of_event(event, round)
    form = DirectionForm(request.POST)
    if not form.is_valid():
        return _rounds_page(request, event, status=form_refused(request))
    ordered = _moved(list(event.rounds.all()), pitch_round, form.cleaned_data["direction"])

    def update(item, number):
        item.event = event
        services.round_update(round=item, by=request.user, order=number)

    return _act(request, event, lambda: _renumber(ordered, update), _("The order has been saved."))


@require_POST
@permission_required("portal.view", raise_exception=True)
def slot_add(request: HttpRequest, event: str, round: int) -> HttpResponse:
    event = organiser_event(request, event)
    pitch_round = selectors_organiser.round_of_event(event, round)
    form = SlotAddForm(request.POST, event=event)
    if not form.is_valid():
        return _rounds_page(request, event, status=form_refused(request))
    return _act(
        request,
        event,
        lambda: services.slot_add(round=pitch_round, by=request.user, **form.cleaned_data),
        _("The booth has been added to the round."),
    )


@require_POST
@permission_required("portal.view", raise_exception=True)
def slot_time(request: HttpRequest, event: str, slot: int) -> HttpResponse:
    event = organiser_event(request, event)
    slot = selectors_organiser.slot_of_event(event, slot)
    form = SlotTimeForm(request.POST)
    if not form.is_valid():
        return _rounds_page(request, event, status=form_refused(request))
    return _act(
        request,
        event,
        lambda: services.slot_update(
            slot=slot, by=request.user, starts_at=form.cleaned_data["starts_at"]
        ),
        _("The time has been saved."),
    )


@require_POST
@permission_required("portal.view", raise_exception=True)
def slot_move(request: HttpRequest, event: str, slot: int) -> HttpResponse:
    event = organiser_event(request, event)
    slot = selectors_organiser.slot_of_event(event, slot)
    form = DirectionForm(request.POST)
    if not form.is_valid():
        return _rounds_page(request, event, status=form_refused(request))
    siblings = list(slot.round.slots.order_by("order", "pk"))
    ordered = _moved(siblings, slot, form.cleaned_data["direction"])

    def update(item, number):
        item.round = slot.round
        services.slot_update(slot=item, by=request.user, order=number)

    return _act(request, event, lambda: _renumber(ordered, update), _("The order has been saved."))


@require_POST
@permission_required("portal.view", raise_exception=True)
def slot_remove(request: HttpRequest, event: str, slot: int) -> HttpResponse:
    event = organiser_event(request, event)
    slot = selectors_organiser.slot_of_event(event, slot)
    return _act(
        request,
        event,
        lambda: services.slot_remove(slot=slot, by=request.user),
        _("The booth has been taken out of the round."),
    )

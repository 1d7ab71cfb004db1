"""Setting an event up: its booths (for an experiment or a project), themes, and the
booths' fact sheets."""

import rules
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from bazar import selectors, selectors_organiser, services
from bazar.exceptions import BazarError
from bazar.forms_organiser import BoothAddForm, BoothEditForm, ThemeForm
from concepts.enums import PublicationKind
from concepts.exceptions import ConceptError
from concepts.publishing import publication_request

from .organise_base import form_refused, frame, organiser_event, refused


def _booths_page(request, event, *, add_form=None, theme_form=None, status=200) -> HttpResponse:
    booths = selectors.booths_of_event(event)
    states = selectors_organiser.fact_sheet_states(booths)
    for booth in booths:
        booth.fact_sheet = states.get(booth.experiment_id)
    context = frame(
        event,
        "booths",
        _("Booths"),
        booths=booths,
        themes=list(event.themes.order_by("order", "title")),
        add_form=add_form or BoothAddForm(event=event),
        theme_form=theme_form or ThemeForm(),
        can_publish=rules.has_perm("concepts.publish_files", request.user),
        has_experiments=bool(states),
    )
    return render(request, "bazar/organise/booths.html", context, status=status)


@require_http_methods(["GET", "POST"])
@permission_required("portal.view", raise_exception=True)
def booths(request: HttpRequest, event: str) -> HttpResponse:
    """The list; a POST adds a booth."""
    event = organiser_event(request, event)
    if request.method == "GET":
        return _booths_page(request, event)
    form = BoothAddForm(request.POST, event=event)
    if not form.is_valid():
        return _booths_page(request, event, add_form=form, status=form_refused(request))
    try:
        booth = services.booth_add(event=event, by=request.user, **form.cleaned_data)
    except BazarError as exc:
        return _booths_page(request, event, add_form=form, status=refused(request, exc))
    messages.success(request, _("The booth “%(title)s” has been added.") % {"title": booth.title})
    return redirect("bazar:booths", event=event.slug)


@require_http_methods(["GET", "POST"])
@permission_required("portal.view", raise_exception=True)
def booth_edit(request: HttpRequest, event: str, booth: str) -> HttpResponse:
    event = organiser_event(request, event)
    booth = selectors_organiser.booth_of_event(event, booth)
    form = BoothEditForm(request.POST if request.method == "POST" else None, booth=booth)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data, hosts=list(form.cleaned_data["hosts"]))
            try:
                changed = services.booth_update(booth=booth, by=request.user, **data)
            except BazarError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                if changed:
                    messages.success(request, _("Your changes have been saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect("bazar:booths", event=event.slug)
    context = frame(event, "booths", _("Edit the booth"), booth=booth, form=form)
    return render(request, "bazar/organise/booth_edit.html", context, status=status)


@require_POST
@permission_required("portal.view", raise_exception=True)
def booth_remove(request: HttpRequest, event: str, booth: str) -> HttpResponse:
    event = organiser_event(request, event)
    booth = selectors_organiser.booth_of_event(event, booth)
    try:
        services.booth_remove(booth=booth, by=request.user)
    except BazarError as exc:
        return _booths_page(request, event, status=refused(request, exc))
    messages.success(request, _("The booth “%(title)s” has been removed.") % {"title": booth.title})
    return redirect("bazar:booths", event=event.slug)


@require_POST
@permission_required("portal.view", raise_exception=True)
def theme_add(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    form = ThemeForm(request.POST)
    if not form.is_valid():
        return _booths_page(request, event, theme_form=form, status=form_refused(request))
    try:
        services.theme_add(event=event, by=request.user, title=form.cleaned_data["title"])
    except BazarError as exc:
        return _booths_page(request, event, theme_form=form, status=refused(request, exc))
    messages.success(request, _("The theme has been added."))
    return redirect("bazar:booths", event=event.slug)


@require_POST
@permission_required("portal.view", raise_exception=True)
def theme_remove(request: HttpRequest, event: str, theme: int) -> HttpResponse:
    event = organiser_event(request, event)
    theme = selectors_organiser.theme_of_event(event, theme)
    try:
        services.theme_remove(theme=theme, by=request.user)
    except BazarError as exc:
        return _booths_page(request, event, status=refused(request, exc))
    messages.success(request, _("The theme has been removed."))
    return redirect("bazar:booths", event=event.slug)


@require_POST
@permission_required("portal.view", raise_exception=True)
def booth_fact_sheets(request: HttpRequest, event: str) -> HttpResponse:
    """Administrators: ask for the fact sheet of every booth's experiment (one still being
    made is not asked for again)."""
    event = organiser_event(request, event)
    experiments = [b.experiment for b in selectors.booths_of_event(event) if b.experiment_id]
    if not experiments:
        messages.info(
            request, _("No booth shows an experiment, so there is no fact sheet to make.")
        )
        return redirect("bazar:booths", event=event.slug)
    try:
        for experiment in experiments:
            publication_request(
                kind=PublicationKind.FACT_SHEET, subject=experiment, by=request.user
            )
    except ConceptError as exc:
        return _booths_page(request, event, status=refused(request, exc))
    count = len(experiments)
    messages.success(
        request,
        ngettext(
            "The fact sheet of %(count)d booth is being made.",
            "The fact sheets of %(count)d booths are being made.",
            count,
        )
        % {"count": count},
    )
    return redirect("bazar:booths", event=event.slug)

"""The change theories by program, one theory (texts, diagram, health) and its history, and
making a program's or track's empty theory."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from labportal.organisation.models import Program, Track

from .. import selectors, services
from ..exceptions import NotAllowed
from ..forms import TheoryCreateForm
from ..models import ChangeTheory
from ..selectors_history import HISTORY_LIMIT, theory_history
from .findings import findings_shown


def _may_create(user, **subject) -> bool:
    return user.has_perm("changetheory.change", ChangeTheory(**subject))


@require_GET
@permission_required("changetheory.view", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    return _index(request)


def _index(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    programs = selectors.theories_by_program()
    user = request.user
    for program in programs:
        program.may_create = program.theory is None and _may_create(user, program=program)
        program.track_rows = [
            (track, theory, theory is None and _may_create(user, track=track))
            for track, theory in program.track_rows
        ]
    return render(
        request,
        "changetheory/index.html",
        {"programs": programs, "crumbs": [(None, _("Change theories"))]},
        status=status,
    )


@require_POST
@permission_required("changetheory.view", raise_exception=True)
def create(request: HttpRequest) -> HttpResponse:
    """The empty theory of a program or track (or the one it has), opened in the editor."""
    form = TheoryCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose either a program or a trial track."))
        return _index(request, status=400)
    if form.cleaned_data["program"]:
        subject = get_object_or_404(Program, slug=form.cleaned_data["program"])
    else:
        subject = get_object_or_404(
            Track.objects.select_related("program"), slug=form.cleaned_data["track"]
        )
    try:
        theory = services.theory_create(subject=subject, by=request.user)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    return redirect("changetheory:edit", slug=theory.slug)


def _page_or_404(slug: str) -> selectors.TheoryPage:
    page = selectors.theory_page(slug)
    if page is None:
        raise Http404
    return page


@require_GET
@permission_required("changetheory.view", raise_exception=True)
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page_or_404(slug)
    theory = page.theory
    context = {
        "page": page,
        "theory": theory,
        "findings": findings_shown(page),
        "can_edit": request.user.has_perm("changetheory.change", theory),
        "crumbs": [
            (reverse("changetheory:index"), _("Change theories")),
            (None, str(theory.subject)),
        ],
    }
    return render(request, "changetheory/detail.html", context)


@require_GET
@permission_required("changetheory.view", raise_exception=True)
@vary_on_headers("HX-Request")
def history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed what and when (newest first): a page of its own, or for htmx only the
    list, loaded into the theory's page."""
    theory = selectors.theory_for_editing(slug)
    if theory is None:
        raise Http404
    edits = theory_history(theory)
    context = {
        "theory": theory,
        "edits": edits,
        "capped": len(edits) >= HISTORY_LIMIT,
        "history_limit": HISTORY_LIMIT,
    }
    if request.htmx:
        return render(request, "changetheory/history.html#theory_history", context)
    context["crumbs"] = [
        (reverse("changetheory:index"), _("Change theories")),
        (theory.get_absolute_url(), str(theory.subject)),
        (None, _("History")),
    ]
    return render(request, "changetheory/history.html", context)

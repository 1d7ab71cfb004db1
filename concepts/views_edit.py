"""Writing concepts in the portal and moving them through the workflow: thin views around
services.py (which checks every rule again under a row lock)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from . import selectors, services
from .exceptions import ConceptError, StaleEdit
from .forms import ConceptForm, NoteForm, PublicForm, ReasonForm


@require_http_methods(["GET", "POST"])
@permission_required("concepts.create", raise_exception=True)
def concept_create(request: HttpRequest) -> HttpResponse:
    form = ConceptForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                concept = services.concept_create(
                    by=request.user, sources=form.cleaned_data["sources"], **form.data_fields()
                )
            except ConceptError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("The concept “%(title)s” has been created as a draft.")
                    % {"title": concept.title},
                )
                return redirect(concept)
    context = {
        "form": form,
        "crumbs": [(reverse("concepts:list"), _("Concepts")), (None, _("New concept"))],
    }
    return render(request, "concepts/edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@permission_required("portal.view", raise_exception=True)
def concept_edit(request: HttpRequest, slug: str) -> HttpResponse:
    concept = selectors.concept_for_user(request.user, slug)
    if not request.user.has_perm("concepts.change", concept):
        raise PermissionDenied
    form = ConceptForm(request.POST if request.method == "POST" else None, concept=concept)
    status, conflicts = 200, []
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                changed = services.concept_update(
                    concept=concept,
                    by=request.user,
                    data=form.data_fields(),
                    sources=form.cleaned_data["sources"],
                    expected_version=form.cleaned_data["version"],
                )
            except StaleEdit as exc:
                form.add_error(None, exc.message)
                conflicts = form.conflicts(exc.current)
                form.renew_version(exc.version)
                status = exc.status
            except ConceptError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                if changed:
                    messages.success(request, _("Your changes have been saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect(concept)
    context = {
        "form": form,
        "concept": concept,
        "conflicts": conflicts,
        "crumbs": [
            (reverse("concepts:list"), _("Concepts")),
            (concept.get_absolute_url(), concept.title),
            (None, _("Edit")),
        ],
    }
    return render(request, "concepts/edit.html", context, status=status)


def _done(request: HttpRequest, concept, call, success: str) -> HttpResponse:
    """Run a workflow service; a refusal (someone else moved the concept a moment ago, a
    missing reason) is shown on the concept's page."""
    try:
        call()
    except ConceptError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(concept)


def _concept_action(request, slug: str, perm: str):
    concept = selectors.concept_for_user(request.user, slug)
    if not request.user.has_perm(perm, concept):
        raise PermissionDenied
    return concept


@require_POST
@permission_required("portal.view", raise_exception=True)
def concept_submit(request: HttpRequest, slug: str) -> HttpResponse:
    concept = _concept_action(request, slug, "concepts.change")
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _done(
        request,
        concept,
        lambda: services.concept_submit(concept=concept, by=request.user, note=note),
        _("The concept has been submitted for review."),
    )


@require_POST
@permission_required("concepts.view_publications", raise_exception=True)
def concept_return(request: HttpRequest, slug: str) -> HttpResponse:
    concept = _concept_action(request, slug, "concepts.view_publications")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a reason for the authors."))
        return redirect(concept)
    return _done(
        request,
        concept,
        lambda: services.concept_return(
            concept=concept, by=request.user, note=form.cleaned_data["note"]
        ),
        _("The concept has been sent back to its authors."),
    )


@require_POST
@permission_required("concepts.view_publications", raise_exception=True)
def concept_publish(request: HttpRequest, slug: str) -> HttpResponse:
    concept = _concept_action(request, slug, "concepts.view_publications")
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _done(
        request,
        concept,
        lambda: services.concept_publish(concept=concept, by=request.user, note=note),
        _("The concept has been published as a new version."),
    )


def _version_action(request, slug: str, number: int):
    version = selectors.version_for_user(request.user, slug, number)
    if not request.user.has_perm("concepts.manage_versions", version.concept):
        raise PermissionDenied
    return version


@require_POST
@permission_required("concepts.view_publications", raise_exception=True)
def version_withdraw(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version_action(request, slug, number)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a reason: withdrawing a version needs one."))
        return redirect(version.concept)
    return _done(
        request,
        version.concept,
        lambda: services.version_withdraw(
            version=version, by=request.user, reason=form.cleaned_data["note"]
        ),
        _("The version has been withdrawn."),
    )


@require_POST
@permission_required("concepts.view_publications", raise_exception=True)
def version_public(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version_action(request, slug, number)
    form = PublicForm(request.POST)
    public = form.is_valid() and form.cleaned_data["public"]
    message = (
        _("The PDF can now be downloaded through its public link.")
        if public
        else _("The PDF is no longer public.")
    )
    return _done(
        request,
        version.concept,
        lambda: services.version_set_public(version=version, by=request.user, public=public),
        message,
    )


@require_POST
@permission_required("concepts.view_publications", raise_exception=True)
def version_retry(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version_action(request, slug, number)
    return _done(
        request,
        version.concept,
        lambda: services.version_pdf_retry(version=version, by=request.user),
        _("The PDF will be made again."),
    )

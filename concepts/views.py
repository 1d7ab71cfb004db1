"""Concept pages: the list, a concept with its sources and versions, and the PDF downloads
(the publications page is views_publications.py)."""

import rules
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from . import selectors, selectors_publications
from .enums import ConceptStatus
from .forms import NoteForm, PublicForm, ReasonForm
from .models import ConceptVersion


@require_GET
@vary_on_headers("HX-Request")
@permission_required("portal.view", raise_exception=True)
def concept_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    sees_unpublished = selectors.user_sees_unpublished(user)
    tracks = list(selectors.track_choices())
    track = next((t for t in tracks if t.slug == request.GET.get("track")), None)
    status = request.GET.get("status", "")
    if not sees_unpublished or status not in ConceptStatus.values:
        status = ""
    q = request.GET.get("q", "").strip()[:200]
    concepts = selectors.concept_list(user, track=track, status=status, q=q)
    for concept in concepts:
        concept.shows_status = user.has_perm("concepts.view_work", concept)
    context = {
        "concepts": concepts,
        "tracks": tracks,
        "track": track,
        "statuses": ConceptStatus.choices if sees_unpublished else (),
        "status": status,
        "q": q,
        # The portal's rules alone: user.has_perm would also ask the model backend.
        "can_create": rules.has_perm("concepts.create", user),
        "can_view_publications": rules.has_perm("concepts.view_publications", user),
        "booklets": [] if request.htmx else selectors_publications.latest_booklets(),
    }
    template = "concepts/list.html#results" if request.htmx else "concepts/list.html"
    return render(request, template, context)


@require_GET
@vary_on_headers("HX-Request")
@permission_required("portal.view", raise_exception=True)
def concept_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    concept = selectors.concept_for_user(user, slug)
    work = user.has_perm("concepts.view_work", concept)
    versions = selectors.concept_versions(concept, with_withdrawn=work)
    context = {
        "concept": concept,
        "content": selectors.shown_content(concept, versions, work=work),
        "versions": versions,
        "polling": any(not v.pdf and v.pdf_job and v.pdf_job.is_unfinished for v in versions),
        "work": work,
        "events": selectors.concept_events(concept) if work else [],
        "can_edit": user.has_perm("concepts.change", concept),
        "can_submit": user.has_perm("concepts.submit", concept),
        "can_publish": user.has_perm("concepts.publish", concept),
        "can_return": user.has_perm("concepts.return", concept),
        "can_manage": user.has_perm("concepts.manage_versions", concept),
        "note_form": NoteForm(),
        "reason_form": ReasonForm(),
        "public_form": PublicForm(),
        "crumbs": [(reverse("concepts:list"), _("Concepts")), (None, concept.title)],
    }
    if request.htmx:
        return render(request, "concepts/detail.html#versions", context)
    return render(request, "concepts/detail.html", context)


def _pdf_response(version: ConceptVersion, *, as_attachment: bool = False) -> FileResponse:
    if not version.pdf:
        raise Http404
    try:
        handle = version.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = f"{version.concept.slug}-v{version.number}.pdf"
    return FileResponse(
        handle, content_type="application/pdf", as_attachment=as_attachment, filename=name
    )


@require_GET
@permission_required("portal.view", raise_exception=True)
def version_download(request: HttpRequest, slug: str, number: int) -> FileResponse:
    version = selectors.version_for_user(request.user, slug, number)
    return _pdf_response(version)


@login_not_required
@require_GET
def public_download(request: HttpRequest, token) -> FileResponse:
    """A version an administrator marked public: anyone with the link downloads it."""
    return _pdf_response(selectors.public_version(token))

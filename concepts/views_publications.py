"""The administrators' publications page: every concept version and every booklet and fact
sheet, the forms that have a booklet or a fact sheet made, each file's job followed live
(htmx polling of its status row), and the downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import permission_required

from . import publishing, selectors, selectors_publications
from .enums import PublicationKind
from .exceptions import ConceptError
from .forms import BookletRequestForm, FactSheetRequestForm, PublicForm
from .models import Publication

FORMS = {
    PublicationKind.BOOKLET: BookletRequestForm,
    PublicationKind.FACT_SHEET: FactSheetRequestForm,
}


def _page(request: HttpRequest, *, booklet_form=None, fact_sheet_form=None, status=200):
    context = {
        "versions": selectors.publications(),
        "publications": selectors_publications.publications_list(),
        "booklet_form": booklet_form or BookletRequestForm(),
        "fact_sheet_form": fact_sheet_form or FactSheetRequestForm(),
        "crumbs": [(reverse("concepts:list"), _("Concepts")), (None, _("Publications"))],
    }
    return render(request, "concepts/publications.html", context, status=status)


@require_GET
@permission_required("concepts.view_publications", raise_exception=True)
def publications(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@permission_required("concepts.publish_files", raise_exception=True)
def publication_create(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in FORMS:
        raise Http404
    form = FORMS[kind](request.POST)
    if not form.is_valid():
        forms = {"booklet_form" if kind == PublicationKind.BOOKLET else "fact_sheet_form": form}
        return _page(request, status=400, **forms)
    try:
        publication, created = publishing.publication_request(
            kind=kind, subject=form.subject(), by=request.user
        )
    except ConceptError as exc:
        messages.error(request, exc.message)
    else:
        title = publication.subject_title
        if created:
            messages.success(request, _("“%(title)s” is being made.") % {"title": title})
        else:
            messages.info(request, _("“%(title)s” is already being made.") % {"title": title})
    return redirect("concepts:publications")


@require_GET
@permission_required("concepts.view_publications", raise_exception=True)
def publication_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job-status endpoint: the publication's row, which polls while its job runs."""
    context = {"publication": selectors_publications.publication_row(pk)}
    return render(request, "concepts/includes/publication_row.html", context)


@require_POST
@permission_required("concepts.publish_files", raise_exception=True)
def publication_retry(request: HttpRequest, pk: int) -> HttpResponse:
    publication = selectors_publications.publication_row(pk)
    publishing.publication_retry(publication=publication, by=request.user)
    messages.success(
        request, _("“%(title)s” will be made again.") % {"title": publication.subject_title}
    )
    return redirect("concepts:publications")


@require_POST
@permission_required("concepts.publish_files", raise_exception=True)
def publication_public(request: HttpRequest, pk: int) -> HttpResponse:
    publication = selectors_publications.publication_row(pk)
    form = PublicForm(request.POST)
    public = form.is_valid() and form.cleaned_data["public"]
    publishing.publication_set_public(publication=publication, by=request.user, public=public)
    if public:
        messages.success(request, _("Anyone with the link can now download the file."))
    else:
        messages.success(request, _("The file can now be downloaded only when signed in."))
    return redirect("concepts:publications")


def _file_response(publication: Publication) -> FileResponse:
    try:
        handle = publication.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, content_type="application/pdf", filename=publication.file_label)


@require_GET
@permission_required("portal.view", raise_exception=True)
def publication_download(request: HttpRequest, pk: int) -> FileResponse:
    return _file_response(selectors_publications.publication_for_user(request.user, pk))


@login_not_required
@require_GET
def publication_public_download(request: HttpRequest, token) -> FileResponse:
    return _file_response(selectors_publications.public_publication(token))

"""The administrators' booklet import: upload -> dry run (a job) -> report -> confirm -> import
(a job) with its progress -> result. The page shows where the job is, also when it waits."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from experiments.forms_booklet import BookletUploadForm
from experiments.models_booklet import BookletUpload
from experiments.services_booklet import (
    booklet_upload_check,
    booklet_upload_confirm,
    booklet_upload_progress,
)
from labportal.booklet import KINDS


def _crumbs(*extra):
    return [(reverse("experiments:list"), _("Experiments")), *extra]


@require_http_methods(["GET", "POST"])
@permission_required("portal.administer", raise_exception=True)
def booklet_import(request: HttpRequest) -> HttpResponse:
    form = BookletUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = booklet_upload_check(
            file=form.cleaned_data["file"],
            program_slug=form.cleaned_data["program"] or "",
            by=request.user,
        )
        return redirect("experiments:booklet_import_detail", token=upload.token)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "crumbs": _crumbs((None, _("Import a booklet")))}
    return render(request, "experiments/booklet_import.html", context, status=status)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@permission_required("portal.administer", raise_exception=True)
def booklet_import_detail(request: HttpRequest, token) -> HttpResponse:
    upload = get_object_or_404(BookletUpload.objects.select_related("job"), token=token)
    if request.method == "POST":
        booklet_upload_confirm(upload=upload)
        return redirect("experiments:booklet_import_detail", token=upload.token)
    context = {
        "upload": upload,
        "progress": booklet_upload_progress(upload),
        "dry_run": _report_rows(upload.dry_run_report),
        "result": _report_rows(upload.report),
        "crumbs": _crumbs(
            (reverse("experiments:booklet_import"), _("Import a booklet")),
            (None, upload.original_name),
        ),
    }
    template = "experiments/booklet_import_report.html"
    if request.htmx:
        template += "#status"
    return render(request, template, context)


def _report_rows(report: dict) -> dict | None:
    if not report:
        return None
    counts = report.get("counts", {})
    rows = [
        {
            "label": label,
            **counts.get(kind, {}),
            "created_names": report["created"].get(kind, []),
            "updated_names": report["updated"].get(kind, []),
        }
        for kind, label in KINDS.items()
    ]
    return {
        "rows": rows,
        "unplaced": report.get("unplaced", []),
        "resolved_aliases": report.get("resolved_aliases", []),
        "program": report["program"],
    }

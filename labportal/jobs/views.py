"""The administrators' page of background jobs that failed or are stuck, with a retry."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import permission_required

from . import selectors, services
from .models import Job
from .running import job_label


@require_GET
@permission_required("portal.administer", raise_exception=True)
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = selectors.jobs_needing_attention()
    for job in jobs:
        job.label = job_label(job.task)
    context = {
        "jobs": jobs,
        "counts": selectors.job_counts(),
        "shown": selectors.SHOWN,
        "crumbs": [(None, _("Background jobs"))],
    }
    return render(request, "jobs/list.html", context)


@require_POST
@permission_required("portal.administer", raise_exception=True)
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job.objects.exclude(state=Job.State.DONE), pk=pk)
    services.retry(job)
    messages.success(request, _("The job will be tried again."))
    return redirect(reverse("jobs:list"))

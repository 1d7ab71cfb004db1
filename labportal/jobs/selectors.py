"""What the administrators' jobs page and dashboard panel read (a fixed number of queries)."""

from django.db.models import Count, Q
from django.utils import timezone

from .models import Job
from .services import GRACE

SHOWN = 100


def attention_filter(now=None) -> Q:
    """Failed jobs, and unfinished ones older than the sweep's grace (stuck, or waiting for
    a broker that does not answer)."""
    now = now or timezone.now()
    return Q(state=Job.State.FAILED) | Q(state__in=Job.UNFINISHED, created_at__lt=now - GRACE)


def jobs_needing_attention(now=None) -> list[Job]:
    return list(Job.objects.filter(attention_filter(now)).order_by("-created_at")[:SHOWN])


def job_counts(now=None) -> dict[str, int]:
    """How many jobs wait, run, and failed, and how many need attention; one query."""
    now = now or timezone.now()
    return Job.objects.aggregate(
        pending=Count("pk", filter=Q(state=Job.State.PENDING)),
        running=Count("pk", filter=Q(state=Job.State.RUNNING)),
        failed=Count("pk", filter=Q(state=Job.State.FAILED)),
        attention=Count("pk", filter=attention_filter(now)),
    )

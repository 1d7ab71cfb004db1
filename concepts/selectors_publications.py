"""The reads of the publications (booklets and fact sheets): the administrators' page, the
downloads, and the latest file of each subject for the pages that offer it."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from experiments.models import Experiment
from labportal.organisation.models import Program

from .enums import PublicationKind
from .models import Publication

LIST_LIMIT = 200


def publications_list() -> list[Publication]:
    """The latest publications with what their rows show, in one query."""
    return list(
        Publication.objects.select_related("program", "experiment", "requested_by", "job").order_by(
            "-requested_at", "-pk"
        )[:LIST_LIMIT]
    )


def publication_row(pk: int) -> Publication:
    return get_object_or_404(
        Publication.objects.select_related("program", "experiment", "requested_by", "job"),
        pk=pk,
    )


def publication_for_user(user, pk: int) -> Publication:
    """A publication to download: its file made; anyone with a role reads published files."""
    publication = get_object_or_404(
        Publication.objects.select_related("program", "experiment").exclude(pdf=""), pk=pk
    )
    if not user.has_perm("portal.view"):
        raise Http404
    return publication


def public_publication(token) -> Publication:
    return get_object_or_404(
        Publication.objects.select_related("program", "experiment").exclude(pdf=""),
        public_token=token,
        public=True,
    )


def _latest_made(kind: str, field: str) -> QuerySet[Publication]:
    newest = (
        Publication.objects.filter(kind=kind, **{field: OuterRef(field)})
        .exclude(pdf="")
        .order_by("-built_at", "-pk")
        .values("pk")[:1]
    )
    return Publication.objects.filter(kind=kind, pk=Subquery(newest)).select_related(field)


def latest_booklets() -> list[Publication]:
    """Each program's newest booklet that has its file, in one query."""
    return list(_latest_made(PublicationKind.BOOKLET, "program").order_by("program__title"))


def latest_fact_sheets(experiment_ids) -> dict[int, Publication]:
    """The newest fact sheet of each of these experiments, in one query."""
    made = _latest_made(PublicationKind.FACT_SHEET, "experiment").filter(
        experiment_id__in=list(experiment_ids)
    )
    return {publication.experiment_id: publication for publication in made}


def program_choices() -> QuerySet[Program]:
    return Program.objects.order_by("title")


def experiment_choices() -> QuerySet[Experiment]:
    return Experiment.objects.only("pk", "slug", "title").order_by("title")

"""The reads concept pages need: who sees which concept, with their joins in one place."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from experiments.models import Experiment
from labportal.accounts.models import User
from labportal.accounts.rules import is_administrator
from labportal.organisation.models import Track

from .content import concept_content
from .enums import ConceptStatus
from .models import Concept, ConceptEvent, ConceptVersion

LIST_LIMIT = 500


def _live_versions():
    return ConceptVersion.objects.live().filter(concept_id=OuterRef("pk"))


def _authored_by(user):
    return Concept.authors.through.objects.filter(concept_id=OuterRef("pk"), user_id=user.pk)


def concepts_annotated() -> QuerySet[Concept]:
    """Concepts with what the rules read: `has_live_version` and the authors' ids."""
    return (
        Concept.objects.select_related("track", "program")
        .annotate(has_live_version=Exists(_live_versions()))
        .prefetch_related(Prefetch("authors", queryset=User.objects.only("pk")))
    )


def concepts_visible(user, queryset: QuerySet[Concept] | None = None) -> QuerySet[Concept]:
    """What `user` may read: everything for administrators; for other signed-in people what
    is published (status, or a version not withdrawn) and what they write themselves."""
    queryset = concepts_annotated() if queryset is None else queryset
    if is_administrator(user):
        return queryset
    readable = Q(pk__in=Concept.objects.readable().values("pk"))
    return queryset.filter(readable | Exists(_authored_by(user)))


def user_sees_unpublished(user) -> bool:
    """Whether the list's status filter means anything to `user` (one query at most)."""
    if is_administrator(user):
        return True
    return Concept.authors.through.objects.filter(user_id=user.pk).exists()


def concept_list(
    user, *, track: Track | None = None, status: str = "", q: str = ""
) -> list[Concept]:
    concepts = concepts_visible(user)
    if track is not None:
        concepts = concepts.filter(track=track)
    if status:
        concepts = concepts.filter(status=status)
    if q:
        concepts = concepts.filter(
            Q(title__icontains=q)
            | Q(focus__icontains=q)
            | Q(audience__icontains=q)
            | Q(description__icontains=q)
        )
    return list(concepts.order_by("track__title", "title")[:LIST_LIMIT])


def track_choices() -> QuerySet[Track]:
    return Track.objects.filter(concepts__isnull=False).distinct().order_by("title")


def concept_for_user(user, slug: str) -> Concept:
    """The one way to fetch a concept for a page: 404 when unknown or not readable by `user`
    (a draft is not even said to exist)."""
    experiments = Experiment.objects.only("slug", "title", "phase").order_by("title")
    queryset = concepts_annotated().prefetch_related(
        Prefetch("source_experiments", queryset=experiments)
    )
    concept = get_object_or_404(queryset, slug=slug)
    if not user.has_perm("concepts.view", concept):
        raise Http404
    return concept


def concept_versions(concept: Concept, *, with_withdrawn: bool) -> list[ConceptVersion]:
    versions = ConceptVersion.objects.filter(concept=concept).select_related(
        "published_by", "withdrawn_by", "pdf_job"
    )
    if not with_withdrawn:
        versions = versions.filter(withdrawn_at__isnull=True)
    return list(versions.order_by("-number"))


def concept_events(concept: Concept) -> list[ConceptEvent]:
    return list(
        ConceptEvent.objects.filter(concept=concept)
        .select_related("by", "version")
        .order_by("-at", "-pk")[:100]
    )


def shown_content(concept: Concept, versions: list[ConceptVersion], *, work: bool) -> dict:
    """What the page shows: the working text to its authors and administrators and while the
    concept is published; otherwise (a new draft is being written) the latest live version."""
    if work or concept.status == ConceptStatus.PUBLISHED:
        return concept_content(concept)
    live = [v for v in versions if not v.is_withdrawn]
    return live[0].snapshot if live else concept_content(concept)


def version_for_user(user, slug: str, number: int) -> ConceptVersion:
    """A version of a concept `user` may read: withdrawn ones only for its editors."""
    concept = concept_for_user(user, slug)
    version = get_object_or_404(
        ConceptVersion.objects.select_related("pdf_job"), concept=concept, number=number
    )
    version.concept = concept
    if version.is_withdrawn and not user.has_perm("concepts.view_work", concept):
        raise Http404
    return version


def public_version(token) -> ConceptVersion:
    """A version marked public, not withdrawn, with its PDF: anyone may download it."""
    return get_object_or_404(
        ConceptVersion.objects.select_related("concept").exclude(pdf=""),
        public_token=token,
        public=True,
        withdrawn_at__isnull=True,
    )


def publications() -> list[ConceptVersion]:
    """Every published version with its PDF job, for the administrators' page."""
    return list(
        ConceptVersion.objects.select_related("concept", "published_by", "pdf_job").order_by(
            "-published_at", "-pk"
        )[:LIST_LIMIT]
    )


def concepts_awaiting_review() -> list[Concept]:
    return list(
        Concept.objects.filter(status=ConceptStatus.REVIEW).only("slug", "title").order_by("title")
    )

"""Every write on concepts: creating and editing, the workflow draft -> in review ->
published, and the published versions (withdraw, public link, PDF).

Each checks the rules (rules.py) under a row lock and the status the person saw, so a double
click or two administrators at once publish once. Every step is recorded as a ConceptEvent.
"""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from experiments.enums import PHASE_ORDER, Phase
from experiments.models import Experiment
from labportal import jobs
from labportal.accounts.models import User
from labportal.core.text import danish_slugify
from labportal.core.updating import fingerprint, model_update
from labportal.jobs import services as job_services
from labportal.notifications.services import notifications_create

from . import rules
from .content import concept_content
from .enums import CONCEPT_SECTIONS, ConceptStatus, EventKind
from .exceptions import NotAllowed, SourceRefused, StaleEdit, WrongStatus
from .models import Concept, ConceptEvent, ConceptVersion

RENDER_PDF = "concepts.render_concept_pdf"
RESERVED_SLUGS = frozenset({"new", "publications", "public"})
EDITABLE_FIELDS = frozenset({"title", "track", *CONCEPT_SECTIONS})
# Only experiments that reached conceptualisation (or went on) may be a concept's sources.
SOURCE_PHASES = frozenset(PHASE_ORDER[PHASE_ORDER.index(Phase.CONCEPT) :])


def _event(concept, kind, by, *, version=None, note: str = "") -> ConceptEvent:
    return ConceptEvent.objects.create(
        concept=concept, kind=kind, by=by, version=version, note=note.strip()
    )


def _locked(concept: Concept) -> Concept:
    return Concept.objects.select_for_update().get(pk=concept.pk)


# --- sources ------------------------------------------------------------------------------


def sources_check(experiments: Iterable[Experiment]) -> list[Experiment]:
    """The experiments, or SourceRefused naming the first that has not reached
    conceptualisation, with its phase."""
    experiments = list(experiments)
    for experiment in experiments:
        if experiment.phase not in SOURCE_PHASES:
            raise SourceRefused(
                _(
                    "“%(title)s” is in the %(phase)s: only experiments that have reached the "
                    "conceptualisation phase can be a concept's source."
                )
                % {"title": experiment.title, "phase": Phase(experiment.phase).label.lower()}
            )
    return experiments


def _sources_set(concept: Concept, experiments: list[Experiment]) -> bool:
    wanted = {e.pk for e in experiments}
    current = set(concept.source_experiments.values_list("pk", flat=True))
    if wanted == current:
        return False
    concept.source_experiments.set(wanted)
    return True


# --- create and edit ----------------------------------------------------------------------


def unique_slug(title: str) -> str:
    base = (danish_slugify(title) or "koncept")[:100].strip("-") or "koncept"
    taken = set(Concept.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def concept_create(
    *, by: User, title: str, track=None, program=None, sources: Iterable[Experiment] = (), **data
) -> Concept:
    """A new draft; its creator becomes its first author."""
    if not rules.can_create(by):
        raise NotAllowed(_("Only the strategic level and administrators write new concepts."))
    unknown = set(data) - set(CONCEPT_SECTIONS)
    if unknown:
        raise TypeError(f"concept_create() got unexpected fields: {sorted(unknown)}")
    title = (title or "").strip()
    if not title:
        raise WrongStatus(_("A concept needs a title."))
    if program is None and track is None:
        raise SourceRefused(_("Choose a trial track."))
    experiments = sources_check(sources)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                concept = Concept.objects.create(
                    slug=unique_slug(title),
                    title=title,
                    track=track,
                    program=program or track.program,
                    status=ConceptStatus.DRAFT,
                    **data,
                )
            break
        except IntegrityError:  # the slug was taken a moment ago
            continue
    else:
        raise WrongStatus(_("The concept could not be saved; please try again."))
    concept.authors.add(by)
    concept.source_experiments.set(experiments)
    _event(concept, EventKind.CREATED, by)
    return concept


def edit_version(concept: Concept) -> str:
    """A fingerprint of what the edit form shows (fields and source ids)."""
    shown = {name: getattr(concept, name) for name in sorted(EDITABLE_FIELDS - {"track"})}
    shown["track"] = concept.track_id
    shown["sources"] = sorted(e.pk for e in concept.source_experiments.all())
    return fingerprint(shown)


@transaction.atomic
def concept_update(
    *,
    concept: Concept,
    by: User,
    data: dict,
    sources: Iterable[Experiment] | None = None,
    expected_version: str | None = None,
) -> list[str]:
    """Save what differs; return the names that changed ("sources" among them). Editing a
    published concept starts a new draft: its versions stay as they were."""
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"concept_update() got fields it may not change: {sorted(unknown)}")
    locked = _locked(concept)
    if not rules.can_edit(by, locked):
        raise NotAllowed(_("Only the concept's authors and administrators edit it."))
    if expected_version is not None:
        version = edit_version(locked)
        if version != expected_version:
            raise StaleEdit(current=locked, version=version)
    if "title" in data and not (data["title"] or "").strip():
        raise WrongStatus(_("A concept needs a title."))
    experiments = sources_check(sources) if sources is not None else None
    if "track" in data and data["track"] is not None:
        data = {**data, "program": data["track"].program}
    changed = model_update(locked, data)
    if experiments is not None and _sources_set(locked, experiments):
        changed.append("sources")
    if changed and locked.status == ConceptStatus.PUBLISHED:
        locked.status = ConceptStatus.DRAFT
        locked.save(update_fields=["status", "updated_at"])
    if changed:
        _event(locked, EventKind.EDITED, by, note=_changed_labels(changed))
    concept.refresh_from_db()
    return [n for n in changed if n != "program"]


def _changed_labels(changed: list[str]) -> str:
    """What an edit changed, as the fields' names read (in the editor's language)."""
    names = {"sources": "source_experiments"}
    return ", ".join(
        str(Concept._meta.get_field(names.get(name, name)).verbose_name)
        for name in changed
        if name != "program"
    )


# --- the workflow -------------------------------------------------------------------------


def _check_status(concept: Concept, expected: str) -> None:
    if concept.status != expected:
        raise WrongStatus(
            _("The concept is now “%(status)s”: someone else has moved it. Nothing was done.")
            % {"status": ConceptStatus(concept.status).label}
        )


@transaction.atomic
def concept_submit(*, concept: Concept, by: User, note: str = "") -> Concept:
    locked = _locked(concept)
    _check_status(locked, ConceptStatus.DRAFT)
    if not rules.can_submit(by, locked):
        raise NotAllowed(_("Only the concept's authors and administrators submit it for review."))
    locked.status = ConceptStatus.REVIEW
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, EventKind.SUBMITTED, by, note=note)
    return locked


@transaction.atomic
def concept_return(*, concept: Concept, by: User, note: str) -> Concept:
    """A reviewer sends the concept back to its authors with a reason."""
    locked = _locked(concept)
    _check_status(locked, ConceptStatus.REVIEW)
    if not rules.can_return(by, locked):
        raise NotAllowed(_("Only administrators review concepts."))
    if not note.strip():
        raise WrongStatus(_("Write a reason for the authors."))
    locked.status = ConceptStatus.DRAFT
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, EventKind.RETURNED, by, note=note)
    return locked


@transaction.atomic
def concept_publish(*, concept: Concept, by: User, note: str = "") -> ConceptVersion:
    """Freeze the concept in review as its next numbered version and have its PDF made."""
    locked = _locked(concept)
    _check_status(locked, ConceptStatus.REVIEW)
    if not rules.can_publish(by, locked):
        raise NotAllowed(_("Only administrators publish concepts."))
    number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ConceptVersion.objects.create(
        concept=locked,
        number=number,
        snapshot=concept_content(locked),
        published_by=by,
        published_at=timezone.now(),
    )
    version.pdf_job = pdf_job_record(version)
    if version.pdf_job is not None:
        version.save(update_fields=["pdf_job"])
    locked.status = ConceptStatus.PUBLISHED
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, EventKind.PUBLISHED, by, version=version, note=note)
    return version


def pdf_job_record(version: ConceptVersion):
    """The job that renders the version's PDF (concepts/tasks.py)."""
    return jobs.record(RENDER_PDF, key=f"concept-version-pdf:{version.pk}", version_id=version.pk)


def _locked_version(version: ConceptVersion) -> ConceptVersion:
    return ConceptVersion.objects.select_for_update().get(pk=version.pk)


@transaction.atomic
def version_withdraw(*, version: ConceptVersion, by: User, reason: str) -> ConceptVersion:
    """Withdraw a published version (it stays, marked, for its editors). When no version is
    left published, the concept goes back to draft and staff no longer see it."""
    concept = _locked(version.concept)
    locked = _locked_version(version)
    if not rules.can_manage_versions(by, concept):
        raise NotAllowed(_("Only administrators withdraw published versions."))
    if locked.is_withdrawn:
        raise WrongStatus(_("This version has already been withdrawn."))
    if not reason.strip():
        raise WrongStatus(_("Write a reason: withdrawing a version needs one."))
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = by
    locked.withdraw_reason = reason.strip()
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    live = concept.versions.live().exists()
    if not live and concept.status == ConceptStatus.PUBLISHED:
        concept.status = ConceptStatus.DRAFT
        concept.save(update_fields=["status", "updated_at"])
    _event(concept, EventKind.WITHDRAWN, by, version=locked, note=reason)
    return locked


@transaction.atomic
def version_set_public(*, version: ConceptVersion, by: User, public: bool) -> ConceptVersion:
    concept = version.concept
    locked = _locked_version(version)
    if not rules.can_manage_versions(by, concept):
        raise NotAllowed(_("Only administrators make a PDF public."))
    if public and locked.is_withdrawn:
        raise WrongStatus(_("A withdrawn version cannot be made public."))
    if locked.public != public:
        locked.public = public
        locked.save(update_fields=["public"])
        kind = EventKind.MADE_PUBLIC if public else EventKind.MADE_PRIVATE
        _event(concept, kind, by, version=locked)
    return locked


@transaction.atomic
def version_pdf_retry(*, version: ConceptVersion, by: User) -> None:
    if not rules.can_manage_versions(by, version.concept):
        raise NotAllowed(_("Only administrators start a PDF again."))
    if version.pdf_job is None:
        version.pdf_job = pdf_job_record(version)
        version.save(update_fields=["pdf_job"])
    elif version.pdf_job.state == version.pdf_job.State.FAILED:
        job_services.retry(version.pdf_job)


@transaction.atomic
def version_pdf_store(*, version_id: int, name: str) -> ConceptVersion | None:
    """Point the version at its rendered PDF (stored at `name` under MEDIA_ROOT) and tell the
    publisher it is ready. None when the version is gone."""
    version = (
        ConceptVersion.objects.select_for_update()
        .select_related("concept", "published_by")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        return None
    if version.pdf.name == name:
        return version  # stored by an earlier run
    version.pdf.name = name
    version.save(update_fields=["pdf"])
    concept, number = version.concept, version.number

    def render() -> tuple[str, str]:
        subject = _("The PDF of “%(title)s”, version %(number)d, is ready") % {
            "title": concept.title,
            "number": number,
        }
        return subject, _("It can be downloaded from the concept's page.")

    notifications_create(
        recipients=[version.published_by], render=render, url=concept.get_absolute_url()
    )
    return version

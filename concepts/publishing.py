"""Every write on booklets and fact sheets (models_publications.py): asking for one, trying
again, the public link, and storing the file the job made.

Asking twice while the first is still being made gives the first back, so a double click or
two administrators at once make one file."""

import rules
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from labportal import jobs
from labportal.accounts.models import User
from labportal.jobs import services as job_services
from labportal.jobs.models import Job
from labportal.notifications.services import notifications_create

from .enums import PublicationKind
from .exceptions import NotAllowed
from .models import Publication

RENDER_PUBLICATION = "concepts.render_publication"


def _subject_field(kind: str) -> str:
    return "program" if kind == PublicationKind.BOOKLET else "experiment"


def _check_allowed(by: User) -> None:
    if not rules.has_perm("concepts.publish_files", by):
        raise NotAllowed(_("Only administrators publish booklets and fact sheets."))


@transaction.atomic
def publication_request(*, kind: str, subject, by: User) -> tuple[Publication, bool]:
    """Have the booklet of a program (or the fact sheet of an experiment) made. Returns the
    publication and whether it is new: one still being made for the subject is returned."""
    _check_allowed(by)
    field = _subject_field(kind)
    # One request at a time per subject: the subject's row is the lock.
    type(subject).objects.select_for_update().filter(pk=subject.pk).first()
    unfinished = (
        Publication.objects.filter(kind=kind, pdf="", job__state__in=Job.UNFINISHED)
        .filter(**{field: subject})
        .first()
    )
    if unfinished is not None:
        return unfinished, False
    publication = Publication.objects.create(kind=kind, requested_by=by, **{field: subject})
    publication.job = jobs.record(
        RENDER_PUBLICATION, key=f"publication:{publication.pk}", publication_id=publication.pk
    )
    publication.save(update_fields=["job"])
    return publication, True


@transaction.atomic
def publication_retry(*, publication: Publication, by: User) -> None:
    """Start a failed job again (a finished or running one is left alone)."""
    _check_allowed(by)
    if publication.pdf:
        return
    if publication.job is None:  # its job was cleared away: record a new one
        publication.job = jobs.record(
            RENDER_PUBLICATION,
            key=f"publication:{publication.pk}:again",
            publication_id=publication.pk,
        )
        publication.save(update_fields=["job"])
    elif publication.job.state == Job.State.FAILED:
        job_services.retry(publication.job)


@transaction.atomic
def publication_set_public(*, publication: Publication, by: User, public: bool) -> Publication:
    _check_allowed(by)
    locked = Publication.objects.select_for_update().get(pk=publication.pk)
    if locked.public != public:
        locked.public = public
        locked.save(update_fields=["public"])
    return locked


@transaction.atomic
def publication_store(
    *, publication_id: int, name: str, digest: str, pages: int, warnings: list[str]
) -> Publication | None:
    """Point the publication at its file (at `name` under MEDIA_ROOT) and tell the person
    who asked for it. None when the publication is gone; a second call changes nothing."""
    publication = (
        Publication.objects.select_for_update(of=("self",))
        .select_related("requested_by", "program", "experiment")
        .filter(pk=publication_id)
        .first()
    )
    if publication is None:
        return None
    if publication.pdf.name == name:
        return publication
    publication.pdf.name = name
    publication.digest = digest
    publication.pages = pages
    publication.warnings = warnings[:50]
    publication.built_at = timezone.now()
    publication.save(update_fields=["pdf", "digest", "pages", "warnings", "built_at"])
    kind, title = publication.get_kind_display(), publication.subject_title

    def render() -> tuple[str, str]:
        subject = _("%(kind)s “%(title)s” is ready") % {"kind": kind, "title": title}
        return subject, _("It can be downloaded from the publications page.")

    notifications_create(
        recipients=[publication.requested_by],
        render=render,
        url=reverse("concepts:publications"),
    )
    return publication

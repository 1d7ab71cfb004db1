"""The published files, each made by WeasyPrint (labportal.pdf) in a background job and
stored whole under MEDIA_ROOT (atomic_output), the person who asked told:

- a concept version's PDF, from its frozen snapshot; a version that has its PDF is left
  alone;
- a publication (a program's booklet, an experiment's fact sheet), named by a digest of the
  HTML it comes from: unchanged content finds its file made before, and is not rendered
  twice."""

import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

from labportal.jobs.files import atomic_output
from labportal.jobs.running import job_task

from . import publishing, services
from .enums import PublicationKind
from .models import ConceptVersion, Publication

logger = logging.getLogger(__name__)


def pdf_name(version: ConceptVersion) -> str:
    """Where the PDF lives under MEDIA_ROOT: the token keeps it unguessable on disk too."""
    return f"concepts/{version.concept.slug}-v{version.number}-{version.public_token.hex}.pdf"


@job_task(
    name=services.RENDER_PDF,
    label=gettext_lazy("Make a concept's PDF"),
    time_limit=180,
    retry_on=(OSError,),
)
def render_concept_pdf(*, version_id: int) -> None:
    version = ConceptVersion.objects.select_related("concept").filter(pk=version_id).first()
    if version is None:
        logger.info("Concept version %s is gone; no PDF to make.", version_id)
        return
    if version.pdf:
        return
    from labportal.pdf import render_pdf

    with translation.override("da"):
        html = render_to_string(
            "concepts/pdf/concept.html",
            {"content": version.snapshot, "version": version, "title": version.snapshot["title"]},
        )
        result = render_pdf(html, title=version.snapshot["title"], lang="da")
    for warning in result.warnings:
        logger.warning("Concept version %s PDF: %s", version_id, warning)
    name = pdf_name(version)
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as handle:
        handle.write(result.pdf)
    services.version_pdf_store(version_id=version_id, name=name)


def publication_html(publication: Publication) -> tuple[str, str]:
    """The HTML the publication is rendered from, and the PDF's title."""
    if publication.kind == PublicationKind.BOOKLET:
        from labportal.pdf.booklet import booklet_html, booklet_title

        return booklet_html(publication.program), booklet_title(publication.program)
    from experiments.fact_sheet import fact_sheet_html

    return fact_sheet_html(publication.experiment)


def publication_name(publication: Publication, digest: str) -> str:
    """Named by the content: the same HTML is the same file."""
    prefix = "booklet" if publication.kind == PublicationKind.BOOKLET else "fact-sheet"
    return f"publications/{prefix}-{publication.subject.slug}-{digest[:24]}.pdf"


@job_task(
    name=publishing.RENDER_PUBLICATION,
    label=gettext_lazy("Make a booklet or fact sheet"),
    time_limit=300,
    retry_on=(OSError,),
)
def render_publication(*, publication_id: int) -> None:
    publication = (
        Publication.objects.select_related("program__lab", "experiment")
        .filter(pk=publication_id)
        .first()
    )
    if publication is None or publication.subject is None:
        logger.info("Publication %s is gone; nothing to make.", publication_id)
        return
    if publication.pdf:
        return
    with translation.override("da"):
        html, title = publication_html(publication)
    digest = hashlib.sha256(html.encode()).hexdigest()
    name = publication_name(publication, digest)
    path = Path(settings.MEDIA_ROOT) / name
    earlier = Publication.objects.filter(pdf=name).exclude(pk=publication.pk).first()
    if earlier is not None and path.is_file():
        pages, warnings = earlier.pages or 0, earlier.warnings
    else:
        from labportal.pdf import render_pdf

        result = render_pdf(html, title=title, lang="da")
        pages, warnings = result.pages, result.warnings
        for warning in warnings:
            logger.warning("Publication %s: %s", publication_id, warning)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(path) as handle:
            handle.write(result.pdf)
    publishing.publication_store(
        publication_id=publication_id, name=name, digest=digest, pages=pages, warnings=warnings
    )

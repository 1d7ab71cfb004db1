"""The concept PDF: a published version's frozen snapshot rendered by WeasyPrint
(labportal.pdf) in a background job, stored whole under MEDIA_ROOT, the publisher told.

Safe to run twice: a version that has its PDF is left alone, and the file is written under a
fixed name with atomic_output."""

import logging
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

from labportal.jobs.files import atomic_output
from labportal.jobs.running import job_task

from . import services
from .models import ConceptVersion

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

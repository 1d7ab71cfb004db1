"""An experiment's fact sheet (faktaark) for its bazar booth: one A4 page in one layout for
every experiment: title, institution, track, phase, challenge, hypothesis, the first key
findings, the people to contact and a QR code to the experiment's page.

Long texts are shortened to fit (at a word, with an ellipsis), and the sheet's box clips
whatever still overflows, so it is always exactly one page."""

from html import unescape

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from labportal.core.markdown import render_markdown
from labportal.pdf import PdfResult, render_pdf

from .models import Experiment, TeamMembership

TITLE_CHARACTERS = 110
CHALLENGE_CHARACTERS = 650
HYPOTHESIS_CHARACTERS = 450
FINDINGS = (3, 5)  # at least 3 findings shown when there are, at most 5
FINDINGS_CHARACTERS = 700  # shared by the findings shown
FINDING_CHARACTERS = 220
CONTACTS = 4


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word before `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,.;:–-") + "…"


def plain(markdown: str | None) -> str:
    """User Markdown as plain text: rendered and sanitised, then its tags removed."""
    return unescape(strip_tags(render_markdown(markdown or "")))


def key_findings(findings: list) -> list[str]:
    items = [plain(str(item)) for item in findings or ()]
    items = [item for item in items if item.strip()][: FINDINGS[1]]
    if not items:
        return []
    share = max(FINDINGS_CHARACTERS // len(items), FINDINGS_CHARACTERS // FINDINGS[0] // 2)
    return [shorten(item, min(share, FINDING_CHARACTERS)) for item in items]


def contacts(experiment: Experiment) -> list[dict]:
    people = [experiment.owner] if experiment.owner else []
    memberships = TeamMembership.objects.filter(experiment=experiment).select_related("user")
    people += [m.user for m in memberships if m.user not in people]
    return [
        {"name": person.get_full_name() or person.username, "email": person.email}
        for person in people[:CONTACTS]
    ]


def experiment_url(experiment: Experiment) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + experiment.get_absolute_url()


def qr_svg(url: str) -> str:
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, dark="#002e5f"))  # noqa: S308 - segno draws paths only


def fact_sheet_context(experiment: Experiment) -> dict:
    url = experiment_url(experiment)
    return {
        "title": _("Fact sheet: %(title)s") % {"title": experiment.title},
        "experiment": experiment,
        "heading": shorten(experiment.title, TITLE_CHARACTERS),
        "challenge": shorten(plain(experiment.challenge), CHALLENGE_CHARACTERS),
        "hypothesis": shorten(plain(experiment.hypothesis), HYPOTHESIS_CHARACTERS),
        "findings": key_findings(experiment.findings),
        "contacts": contacts(experiment),
        "url": url,
        "qr": qr_svg(url),
    }


def fact_sheet_html(experiment: Experiment) -> tuple[str, str]:
    """The sheet's HTML and its title, in the active language."""
    experiment = Experiment.objects.select_related("institution", "track", "owner", "program").get(
        pk=experiment.pk
    )
    context = fact_sheet_context(experiment)
    return render_to_string("experiments/pdf/fact_sheet.html", context), context["title"]


def build_fact_sheet(experiment: Experiment, *, lang: str = "da") -> PdfResult:
    with translation.override(lang):
        html, title = fact_sheet_html(experiment)
        return render_pdf(html, title=title, lang=lang)

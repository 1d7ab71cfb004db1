"""The change theories' part of a program's booklet (labportal.pdf.booklet): the program's
theory with its diagram, and per track its desired practice, challenge, hypothesis and
diagram. Left out where a program or track has no theory. A fixed number of queries per
theory (changetheory.selectors.theory_page), none per experiment."""

from django.utils.translation import gettext_lazy as _

from labportal.pdf.booklet import Section

from .diagram import theory_svg
from .models import ChangeTheory
from .selectors import theory_page


def _theory(theory_filter: dict, title, anchor: str) -> dict | None:
    slug = ChangeTheory.objects.filter(**theory_filter).values_list("slug", flat=True).first()
    page = theory_page(slug) if slug else None
    if page is None:
        return None
    return {
        "theory": page.theory,
        "title": title,
        "anchor": anchor,
        "diagram": theory_svg(page, f"{anchor}-diagram"),
    }


def program_theory(program) -> dict | None:
    return _theory({"program": program}, _("The program's change theory"), "program-theory")


def track_theory(track) -> dict | None:
    return _theory({"track": track}, _("Change theory"), f"theory-{track.slug}")


SECTIONS = [
    Section(40, "program", "changetheory/pdf/theory.html", program_theory),
    Section(10, "track", "changetheory/pdf/theory.html", track_theory),
]

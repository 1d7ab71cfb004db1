"""The theory's findings (selectors.findings' codes) in words, each with where to act."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from ..selectors import TheoryPage


@dataclass(frozen=True)
class Finding:
    code: str
    text: str
    url: str  # where to see or mend it ("" when nowhere)
    link_text: str = ""
    for_editors: bool = False  # the link opens the editor


def findings_shown(page: TheoryPage) -> list[Finding]:
    signs = {sign.pk: sign for sign in page.signs}
    experiments = {experiment.pk: experiment for experiment in page.unlinked}
    edit = reverse("changetheory:edit", args=[page.theory.slug])
    shown = []
    for code in page.missing:
        kind, _sep, key = code.partition(":")
        if kind == "no_desired_practice":
            shown.append(
                Finding(
                    code,
                    _("The desired practice is not described."),
                    f"{edit}#step-1",
                    _("Describe it"),
                    for_editors=True,
                )
            )
        elif kind == "no_signs":
            shown.append(
                Finding(
                    code,
                    _("The theory names no signs of improved practice."),
                    f"{edit}#step-2",
                    _("Add signs"),
                    for_editors=True,
                )
            )
        elif kind == "sign_unserved" and int(key) in signs:
            sign = signs[int(key)]
            shown.append(
                Finding(
                    code,
                    _("No experiment serves the sign “%(sign)s”.") % {"sign": sign.text},
                    f"#sign-{sign.pk}",
                    _("See the sign"),
                )
            )
        elif kind == "experiment_unlinked" and int(key) in experiments:
            experiment = experiments[int(key)]
            shown.append(
                Finding(
                    code,
                    _("The experiment “%(title)s” serves none of the signs.")
                    % {"title": experiment.title},
                    experiment.get_absolute_url(),
                    _("Open the experiment"),
                )
            )
    return shown

"""The collected interest cards, live while the event runs: per booth by commitment, per
education, and a heat map of educations × booths."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from bazar import selectors, statuses
from bazar.enums import Action, Commitment, EventStatus

from .checkin import poll_seconds
from .organise_base import VIEW_COLLECTION, frame, organiser_event, why_not

# Upper bounds of the heat map's colour buckets (cards in a cell); the last is "more".
BUCKETS = (0, 1, 3, 6, 10)


def heat_bucket(count: int) -> int:
    """The colour class of a heat-map cell: 0 for none, up to len(BUCKETS) for the most."""
    for index, bound in enumerate(BUCKETS):
        if count <= bound:
            return index
    return len(BUCKETS)


def _bar(by_commitment: dict, total: int, commitments) -> list[dict]:
    """A booth's commitments as segments of a 100-wide bar (x and width for an SVG)."""
    segments, x = [], 0.0
    for commitment in commitments:
        count = by_commitment.get(commitment.value, 0)
        width = 100 * count / total if total else 0
        segments.append(
            {
                "label": commitment.label,
                "value": commitment.value,
                "count": count,
                "x": f"{x:.2f}",
                "width": f"{width:.2f}",
            }
        )
        x += width
    return segments


def _tables(report) -> dict:
    educations = report.educations
    commitments = list(Commitment)
    booths, heat = [], []
    per_education = dict.fromkeys([e.pk for e in educations], 0)
    for entry in report.booths:
        cells = []
        for education in educations:
            n = entry.by_education.get(education.pk, 0)
            per_education[education.pk] += n
            cells.append({"count": n, "bucket": heat_bucket(n), "education": education})
        booths.append(
            {
                "booth": entry.booth,
                "total": entry.total,
                "commitments": _bar(entry.by_commitment, entry.total, commitments),
                "unknown": entry.by_education.get(None, 0),
            }
        )
        heat.append({"booth": entry.booth, "cells": cells})
    return {
        "booth_rows": booths,
        "heat_booths": [column["booth"] for column in heat],
        "heat_rows": [
            {"education": e, "cells": [column["cells"][i] for column in heat]}
            for i, e in enumerate(educations)
        ],
        "education_totals": [(e, per_education[e.pk]) for e in educations],
        "commitment_totals": [(c.label, report.by_commitment.get(c.value, 0)) for c in commitments],
        "any_unknown": any(b["unknown"] for b in booths),
    }


@require_GET
@vary_on_headers("HX-Request")
@permission_required("portal.view", raise_exception=True)
def collection(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event, VIEW_COLLECTION)
    allowed = statuses.allows(event, Action.SEE_COLLECTION)
    report = selectors.collection(event) if allowed else None
    context = frame(
        event,
        "collection",
        _("Interest cards"),
        allowed=allowed,
        reason=why_not(event, Action.SEE_COLLECTION),
        report=report,
        polling=event.status == EventStatus.RUNNING,
        poll_seconds=poll_seconds(10),
        **(_tables(report) if report else {}),
    )
    template = "bazar/organise/collection.html"
    return render(request, f"{template}#live" if request.htmx else template, context)

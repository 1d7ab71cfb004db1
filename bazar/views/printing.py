"""Pages to print: the programme and the QR signs for the booths (one A4 page each), and
a booth's QR code as an SVG file."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from bazar import selectors, selectors_organiser
from bazar.qr import booth_url, qr_svg, qr_svg_file

from .organise_base import frame, organiser_event


@require_GET
@permission_required("portal.view", raise_exception=True)
def programme(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    context = frame(event, "programme", _("Programme"), rounds=selectors.rounds_of_event(event))
    return render(request, "bazar/organise/programme.html", context)


@require_GET
@permission_required("portal.view", raise_exception=True)
def signs(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    booths = selectors.booths_of_event(event)
    for booth in booths:
        booth.event = event
        booth.url = booth_url(booth)
        booth.qr = qr_svg(booth.url, title=_("QR code for %(title)s") % {"title": booth.title})
    context = frame(event, "signs", _("QR signs"), booths=booths)
    return render(request, "bazar/organise/signs.html", context)


@require_GET
@permission_required("portal.view", raise_exception=True)
def booth_qr(request: HttpRequest, event: str, booth: str) -> HttpResponse:
    event = organiser_event(request, event)
    booth = selectors_organiser.booth_of_event(event, booth)
    response = HttpResponse(qr_svg_file(booth_url(booth)), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-{booth.slug}.svg"'
    return response

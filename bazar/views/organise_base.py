"""What every organiser page shares: the event fetched for the person (404 when they may
not see it, 403 when they may not organise it), the page frame's context, and the answer
to a refusal (the service's message, with its status)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bazar import selectors, statuses
from bazar.enums import Action, EventStatus
from bazar.exceptions import BazarError, WrongStatus
from bazar.models import BazarEvent

MANAGE, CHECK_IN, VIEW_COLLECTION = "bazar.manage_event", "bazar.check_in", "bazar.view_collection"


def organiser_event(request: HttpRequest, slug: str, perm: str = MANAGE) -> BazarEvent:
    event = selectors.event_for_user(request.user, slug)
    if not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


def why_not(event: BazarEvent, action: Action) -> str:
    """The reason the event's status does not allow `action` ("" when it does)."""
    try:
        statuses.require(event, action)
    except WrongStatus as exc:
        return exc.message
    return ""


def frame(event: BazarEvent, here: str, label: str, **context) -> dict:
    """The context every organiser page has: the event, the crumbs, the page's name in the
    organisers' navigation and whether the set-up may be changed now."""
    overview = reverse("bazar:organise", kwargs={"event": event.slug})
    crumbs = [(reverse("bazar:index"), _("Bazar"))]
    if here == "organise":
        crumbs.append((None, event.title))
    else:
        crumbs += [(overview, event.title), (None, label)]
    return {
        "event": event,
        "status_label": EventStatus(event.status).label,
        "here": here,
        "page_label": label,
        "crumbs": crumbs,
        "can_edit_setup": statuses.allows(event, Action.EDIT_SETUP),
        "setup_reason": why_not(event, Action.EDIT_SETUP),
        **context,
    }


def refused(request: HttpRequest, exc: BazarError) -> int:
    """Show the service's message on the page; the status the page answers."""
    messages.error(request, exc.message)
    return exc.status


def say_invitations_queued(request: HttpRequest, count: int, none_left: str) -> None:
    """After asking for invitations: how many are on their way, or `none_left`."""
    if not count:
        messages.info(request, none_left)
        return
    message = ngettext(
        "%(count)d invitation will be sent in a moment.",
        "%(count)d invitations will be sent in a moment.",
        count,
    )
    messages.success(request, message % {"count": count})


def form_refused(request: HttpRequest) -> int:
    """A form that did not validate: a message that says nothing was changed; 400."""
    messages.error(request, _("Please correct the errors below; nothing has been changed."))
    return 400

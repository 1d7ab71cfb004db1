"""The organisers' follow-up groups page: suggestions (by education or institution, each
with its reason) accepted with one click, and the groups adjusted by hand (move a card,
merge, split, rename, remove). Thin: forms parse, services_groups.py decides."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import permission_required

from bazar import selectors_groups, services_groups, statuses
from bazar.enums import Action, GroupBasis
from bazar.exceptions import BazarError
from bazar.forms_groups import AcceptForm, BasisForm, MergeForm, MoveForm, RenameForm, SplitForm
from bazar.grouping import basis_label
from bazar.models import FollowUpGroup, InterestCard

from .organise_base import form_refused, frame, organiser_event, refused, why_not

TEMPLATE = "bazar/groups/page.html"


def _page(request: HttpRequest, event, basis: str, status: int = 200) -> HttpResponse:
    allowed = statuses.allows(event, Action.FORM_GROUPS)
    page = selectors_groups.grouping_page(event, basis)
    for group in page.groups:
        group.basis_label = basis_label(group.basis)
    context = frame(
        event,
        "groups",
        _("Follow-up groups"),
        allowed=allowed,
        reason=why_not(event, Action.FORM_GROUPS),
        page=page,
        basis=basis,
        basis_form=BasisForm(initial={"basis": basis}),
        bases=[(b.value, b.label) for b in (GroupBasis.EDUCATION, GroupBasis.INSTITUTION)],
    )
    return render(request, TEMPLATE, context, status=status)


def _back(event, basis: str = "", anchor: str = "") -> HttpResponse:
    url = reverse("bazar:groups", kwargs={"event": event.slug})
    if basis and basis != GroupBasis.EDUCATION:
        url += f"?basis={basis}"
    return redirect(f"{url}{anchor}")


@require_GET
@permission_required("portal.view", raise_exception=True)
def groups(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    return _page(request, event, BasisForm(request.GET).chosen())


def _group(event, group_id: int) -> FollowUpGroup:
    return selectors_groups.group_in_event(event, group_id)


def _answer(request, event, call, done: str, basis: str = "", anchor: str = "") -> HttpResponse:
    """Run the service `call`; its refusal re-renders the page with the message and status."""
    try:
        note = call()
    except BazarError as exc:
        return _page(request, event, basis or GroupBasis.EDUCATION, status=refused(request, exc))
    messages.success(request, done)
    if isinstance(note, str) and note:
        messages.warning(request, note)
    return _back(event, basis, anchor)


@require_POST
@permission_required("portal.view", raise_exception=True)
def group_accept(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return _page(request, event, GroupBasis.EDUCATION, status=form_refused(request))
    basis = form.cleaned_data["basis"]
    made = {}

    def call():
        made["group"] = services_groups.group_accept(
            event=event, by=request.user, basis=basis, key=form.cleaned_data["key"]
        )

    response = _answer(request, event, call, _("The group has been formed."), basis)
    if "group" in made:
        return _back(event, basis, f"#group-{made['group'].pk}")
    return response


@require_POST
@permission_required("portal.view", raise_exception=True)
def group_rename(request: HttpRequest, event: str, group_id: int) -> HttpResponse:
    event = organiser_event(request, event)
    group = _group(event, group_id)
    form = RenameForm(request.POST)
    if not form.is_valid():
        return _page(request, event, GroupBasis.EDUCATION, status=form_refused(request))
    return _answer(
        request,
        event,
        lambda: services_groups.group_rename(
            event=event, by=request.user, group=group, title=form.cleaned_data["title"]
        ),
        _("The group has been renamed."),
        anchor=f"#group-{group.pk}",
    )


@require_POST
@permission_required("portal.view", raise_exception=True)
def group_remove(request: HttpRequest, event: str, group_id: int) -> HttpResponse:
    event = organiser_event(request, event)
    group = _group(event, group_id)
    return _answer(
        request,
        event,
        lambda: services_groups.group_remove(event=event, by=request.user, group=group),
        _("The group has been removed; its cards are in no group now."),
    )


@require_POST
@permission_required("portal.view", raise_exception=True)
def group_merge(request: HttpRequest, event: str, group_id: int) -> HttpResponse:
    event = organiser_event(request, event)
    group = _group(event, group_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _page(request, event, GroupBasis.EDUCATION, status=form_refused(request))
    # Any group by id: the service refuses one of another event with a clear message.
    into = FollowUpGroup.objects.filter(pk=form.cleaned_data["into"]).first()
    if into is None:
        raise Http404
    return _answer(
        request,
        event,
        lambda: services_groups.group_merge(event=event, by=request.user, group=group, into=into),
        _("The groups have been merged."),
        anchor=f"#group-{into.pk}",
    )


@require_POST
@permission_required("portal.view", raise_exception=True)
def group_split(request: HttpRequest, event: str, group_id: int) -> HttpResponse:
    event = organiser_event(request, event)
    group = _group(event, group_id)
    group = FollowUpGroup.objects.prefetch_related("members__card__visitor").get(pk=group.pk)
    form = SplitForm(request.POST, group=group)
    if not form.is_valid():
        messages.error(request, _("Choose the cards that move into the new group."))
        return _page(request, event, GroupBasis.EDUCATION, status=400)
    cards = list(InterestCard.objects.filter(pk__in=form.cleaned_data["cards"]))
    return _answer(
        request,
        event,
        lambda: services_groups.group_split(
            event=event,
            by=request.user,
            group=group,
            cards=cards,
            title=form.cleaned_data["title"],
        ),
        _("The group has been split."),
    )


@require_POST
@permission_required("portal.view", raise_exception=True)
def group_card_move(request: HttpRequest, event: str) -> HttpResponse:
    event = organiser_event(request, event)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _page(request, event, GroupBasis.EDUCATION, status=form_refused(request))
    card = InterestCard.objects.filter(pk=form.cleaned_data["card"], booth__event=event).first()
    if card is None:
        raise Http404
    to = None
    if form.cleaned_data["to"]:
        to = FollowUpGroup.objects.filter(pk=form.cleaned_data["to"]).first()
        if to is None:
            raise Http404
    return _answer(
        request,
        event,
        lambda: services_groups.group_card_move(event=event, by=request.user, card=card, to=to),
        _("The card has been moved."),
        anchor=f"#group-{to.pk}" if to else "",
    )

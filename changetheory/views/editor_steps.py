"""The editor's steps, each a form that saves at once (the page, its contexts and the way an
answer is made are in editor.py): texts (steps 1 and 4), signs (2), the experiments serving
each sign (3), and the ordered lists of actions and effects (4 and 5)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from .. import selectors, services
from ..exceptions import ChangeTheoryError, NotAllowed, StaleTheory
from ..forms import (
    HypothesisForm,
    LinkForm,
    ListItemForm,
    PracticeForm,
    SignForm,
    SignMoveForm,
    SignTextForm,
    SignUpdateForm,
)
from ..models import LIST_FIELDS
from .editor import LIST_CHANGED, SIGN_GONE, Status, _answer, _first_error, _theory_for_change

# --- steps 1 and 4: texts ------------------------------------------------------------------


def _text_step(request, theory, form, *, block: str, anchor: str) -> HttpResponse:
    key = f"{block}_form"
    if not form.is_valid():
        hidden = form.errors.get("version")  # shown nowhere else
        error = hidden[0] if hidden else _("Please correct the errors below; nothing was saved.")
        status = Status(block, error=error)
        return _answer(request, theory.slug, [(block, {})], status=status, code=400, **{key: form})
    fields = {name: form.cleaned_data[name] for name in form.FIELDS}
    try:
        services.theory_update(
            theory=theory, by=request.user, expected_version=form.cleaned_data["version"], **fields
        )
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except ChangeTheoryError as exc:
        saved = {}
        if isinstance(exc, StaleTheory):
            theory.refresh_from_db(fields=list(fields))
            saved = {n: getattr(theory, n) for n, v in fields.items() if getattr(theory, n) != v}
        status = Status(block, error=exc.message)
        return _answer(
            request,
            theory.slug,
            [(block, {})],
            status=status,
            code=exc.status,
            saved=saved,
            **{key: form},
        )
    return _answer(
        request,
        theory.slug,
        [(block, {})],
        status=Status(block, notice=_("Saved.")),
        saved_from=form.cleaned_data["version"],
        anchor=anchor,
    )


@require_POST
@permission_required("changetheory.view", raise_exception=True)
@vary_on_headers("HX-Request")
def edit_practice(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 1: the desired practice, the ambition and the challenge."""
    theory = _theory_for_change(request.user, slug)
    form = PracticeForm(request.POST)
    return _text_step(request, theory, form, block="practice", anchor="step-1")


@require_POST
@permission_required("changetheory.view", raise_exception=True)
@vary_on_headers("HX-Request")
def edit_hypothesis(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 4: the transformative hypothesis."""
    theory = _theory_for_change(request.user, slug)
    form = HypothesisForm(request.POST)
    return _text_step(request, theory, form, block="hypothesis", anchor="step-4")


# --- step 2: signs -------------------------------------------------------------------------

SIGN_FORMS = {
    "add": SignTextForm,
    "update": SignUpdateForm,
    "delete": SignForm,
    "move": SignMoveForm,
}


def _sign_change(request, theory, op: str, data: dict) -> str:
    """Run the change; returns the notice."""
    common = {"by": request.user, "expected_version": data["version"]}
    if op == "add":
        services.sign_add(theory=theory, text=data["text"], **common)
        return _("The sign has been added.")
    if op == "move":
        services.signs_reorder(theory=theory, sign_ids=data["new_order"], **common)
        return _("The order of the signs has been saved.")
    sign = selectors.sign_of(theory, data["sign"])
    if sign is None:
        raise StaleTheory(str(SIGN_GONE))
    if op == "update":
        services.sign_update(sign=sign, text=data["text"], **common)
        return _("The sign has been saved.")
    services.sign_delete(sign=sign, **common)
    return _("The sign has been deleted.")


@require_POST
@permission_required("changetheory.view", raise_exception=True)
@vary_on_headers("HX-Request")
def edit_signs(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 2: add a sign, reword, delete or move one (`op`)."""
    theory = _theory_for_change(request.user, slug)
    op = request.POST.get("op", "")
    form = SIGN_FORMS[op](request.POST) if op in SIGN_FORMS else SignForm(request.POST)
    state = {}
    if op == "add":
        state["new_sign_form"] = form
    if op == "update":
        try:
            sign_id = int(request.POST.get("sign", ""))
        except ValueError:
            sign_id = 0
        state["sign_typed"] = (sign_id, (request.POST.get("text") or "").strip(), "")
    if op not in SIGN_FORMS or not form.is_valid():
        error = _first_error(form) if op in SIGN_FORMS else _("Unknown change.")
        if "sign_typed" in state:
            state["sign_typed"] = (*state["sign_typed"][:2], error)
        status = Status("signs", error=error)
        return _answer(request, slug, [("signs", {})], status=status, code=400, **state)
    data = dict(form.cleaned_data)
    if op == "move":
        data["new_order"] = form.new_order()
    try:
        notice = _sign_change(request, theory, op, data)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except ChangeTheoryError as exc:
        status = Status("signs", error=exc.message)
        return _answer(request, slug, [("signs", {})], status=status, code=exc.status, **state)
    return _answer(
        request,
        slug,
        [("signs", {}), ("links", {"oob": True})],
        status=Status("signs", notice=notice),
        saved_from=data["version"],
        anchor="step-2",
    )


# --- step 3: experiments serving each sign -------------------------------------------------


@require_POST
@permission_required("changetheory.view", raise_exception=True)
@vary_on_headers("HX-Request")
def edit_links(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 3: an experiment starts (op=add) or stops (op=remove) serving a sign."""
    theory = _theory_for_change(request.user, slug)
    op = request.POST.get("op", "")
    form = LinkForm(request.POST)
    valid = form.is_valid()
    sign_id = form.cleaned_data.get("sign")
    block = [("sign_links", {"sign_id": sign_id})] if sign_id else [("links", {})]
    if op not in ("add", "remove") or not valid:
        error = _first_error(form) if op in ("add", "remove") else _("Unknown change.")
        status = Status("links", sign=sign_id, error=error)
        return _answer(request, slug, block, status=status, code=400)
    data = form.cleaned_data
    common = {"by": request.user, "expected_version": data["version"]}
    try:
        sign = selectors.sign_of(theory, data["sign"])
        experiment = selectors.experiment_by_pk(data["experiment"])
        if sign is None:
            raise StaleTheory(str(SIGN_GONE))
        if experiment is None:
            raise ChangeTheoryError(_("That experiment no longer exists; nothing was saved."))
        if op == "add":
            services.link_add(sign=sign, experiment=experiment, **common)
            notice = _("“%(title)s” now serves this sign.") % {"title": experiment.title}
        else:
            services.link_remove(sign=sign, experiment=experiment, **common)
            notice = _("“%(title)s” no longer serves this sign.") % {"title": experiment.title}
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except ChangeTheoryError as exc:
        status = Status("links", sign=sign_id, error=exc.message)
        return _answer(request, slug, block, status=status, code=exc.status)
    return _answer(
        request,
        slug,
        block,
        status=Status("links", sign=sign_id, notice=notice),
        saved_from=data["version"],
        anchor=f"links-{sign_id}",
    )


# --- steps 4 and 5: ordered lists ----------------------------------------------------------


@require_POST
@permission_required("changetheory.view", raise_exception=True)
@vary_on_headers("HX-Request")
def edit_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Add, remove or move an item of the actions and resources or of the effects."""
    theory = _theory_for_change(request.user, slug)
    name = request.POST.get("field", "")
    if name not in LIST_FIELDS:
        raise SuspiciousOperation("unknown list")
    form = ListItemForm(request.POST)
    block = [("list_block", {"name": name})]
    typed = (request.POST.get("text") or "").strip()
    if not form.is_valid():
        errors = [str(e) for e in form.errors.get("text", [])]
        status = Status("list", field=name, error=_first_error(form))
        return _answer(
            request, slug, block, status=status, code=400, list_typed=(name, typed, errors)
        )
    data = form.cleaned_data
    notices = {
        "add": _("The item has been added."),
        "remove": _("The item has been removed."),
        "up": _("The order has been saved."),
        "down": _("The order has been saved."),
    }
    try:
        items = form.new_list(getattr(theory, name))
        if items is None:
            raise StaleTheory(str(LIST_CHANGED))
        services.theory_update(
            theory=theory, by=request.user, expected_version=data["version"], **{name: items}
        )
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except ChangeTheoryError as exc:
        status = Status("list", field=name, error=exc.message)
        return _answer(
            request, slug, block, status=status, code=exc.status, list_typed=(name, typed, [])
        )
    return _answer(
        request,
        slug,
        block,
        status=Status("list", field=name, notice=notices[data["op"]]),
        saved_from=data["version"],
        anchor=f"list-{name}",
    )

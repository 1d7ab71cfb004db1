"""The backward-design editor: one page that starts from the desired practice and walks
backwards (signs, the experiments that serve them, hypothesis with actions and resources,
effects). Each step is a form of its own that saves at once.

With htmx a save answers with the step's block only (changetheory/edit.html's partials); a
success also carries the new version for every form that showed the version just saved
(`version_oob`), so the next save from another step is not refused as stale. Refusals come
back as the block with the message and the person's text kept: StaleTheory 409 (the saved
value shown next to theirs, and the current version in that form, so a second save replaces
it knowingly), ChangeTheoryError 400, NotAllowed 403. Without JavaScript a success
redirects to the editor and a refusal renders the whole editor with the same block.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from .. import selectors
from ..forms import (
    ChoicesForm,
    HypothesisForm,
    PracticeForm,
    SignTextForm,
)
from ..models import LIST_FIELDS, ChangeTheory
from .findings import findings_shown

TEMPLATE = "changetheory/edit.html"
# Marks an answer that is a block of the editor (htmx may swap it in also with status 4xx;
# static/js/changetheory.js), not an error page.
BLOCK_HEADER = "X-Theory-Block"

ROUTES = {
    "edit": "edit",
    "practice": "edit_practice",
    "signs": "edit_signs",
    "links": "edit_links",
    "choices": "experiment_choices",
    "hypothesis": "edit_hypothesis",
    "list": "edit_list",
}
LIST_LABELS = {
    "actions": gettext_lazy("Actions and resources"),
    "effects_short": gettext_lazy("Effects in the short term"),
    "effects_long": gettext_lazy("Effects in the long term"),
}
LIST_HINTS = {
    "actions": gettext_lazy("What the experiments need to get going: people, time, money, …"),
    "effects_short": gettext_lazy("What changes in the culture within a year or so."),
    "effects_long": gettext_lazy("What has changed for good after some years."),
}
SIGN_GONE = gettext_lazy(
    "This sign is no longer part of the change theory: someone removed it. Nothing was saved."
)
LIST_CHANGED = gettext_lazy("The list changed while you were editing it; nothing was saved.")


@dataclass
class Status:
    """A message for one block: "practice", "signs", "links" (of `sign`), "hypothesis",
    "list" (of `field`)."""

    block: str = ""
    sign: int | None = None
    field: str = ""
    error: str = ""
    notice: str = ""
    kept: str = ""  # text the person wrote that no field on the page can hold any more


@dataclass
class ListBlock:
    field: str
    label: str
    hint: str
    items: list[str]
    typed: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class Picker:
    """The experiment picker's results for one sign (without JavaScript, in the page)."""

    sign: int
    q: str
    choices: list
    linked: set[int]


def _first_error(form) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return _("The form was incomplete; nothing was saved.")


def _theory_for_change(user, slug: str) -> ChangeTheory:
    theory = selectors.theory_for_editing(slug)
    if theory is None:
        raise Http404
    if not user.has_perm("changetheory.change", theory):
        raise PermissionDenied
    return theory


def _page_for_change(user, slug: str) -> selectors.TheoryPage:
    page = selectors.theory_page(slug)
    if page is None:
        raise Http404
    if not user.has_perm("changetheory.change", page.theory):
        raise PermissionDenied
    return page


def editor_context(
    page: selectors.TheoryPage,
    *,
    status: Status | None = None,
    practice_form: PracticeForm | None = None,
    hypothesis_form: HypothesisForm | None = None,
    saved: dict | None = None,
    sign_typed: tuple[int, str, str] | None = None,
    new_sign_form: SignTextForm | None = None,
    list_typed: tuple[str, str, list] | None = None,
    picker: Picker | None = None,
) -> dict:
    """Everything the editor's blocks show. `saved`: the current value of each text field
    whose typed text the service refused as stale; `sign_typed`: (sign id, typed text, error)
    of a refused rewording; `list_typed`: (field, typed text, errors) of a refused new item."""
    theory = page.theory
    status = status or Status()
    saved = saved or {}

    def initial(form_class):
        return form_class(initial={name: getattr(theory, name) for name in form_class.FIELDS})

    practice_form = practice_form or initial(PracticeForm)
    hypothesis_form = hypothesis_form or initial(HypothesisForm)
    for sign in page.signs:
        sign.edit_value, sign.saved_now, sign.error = sign.text, None, ""
        if sign_typed and sign_typed[0] == sign.pk:
            sign.edit_value, sign.error = sign_typed[1], sign_typed[2]
            if sign_typed[1] != sign.text:
                sign.saved_now = sign.text
    if sign_typed and sign_typed[1] and sign_typed[0] not in {s.pk for s in page.signs}:
        status.kept = sign_typed[1]
    lists = {
        name: ListBlock(name, LIST_LABELS[name], LIST_HINTS[name], getattr(theory, name))
        for name in LIST_FIELDS
    }
    if list_typed and list_typed[0] in lists:
        lists[list_typed[0]].typed, lists[list_typed[0]].errors = list_typed[1], list_typed[2]
    return {
        "page": page,
        "theory": theory,
        "version": theory.version,
        "status": status,
        "practice_form": practice_form,
        "practice_fields": [(practice_form[n], saved.get(n)) for n in PracticeForm.FIELDS],
        "hypothesis_form": hypothesis_form,
        "hypothesis_fields": [(hypothesis_form[n], saved.get(n)) for n in HypothesisForm.FIELDS],
        "new_sign_form": new_sign_form or SignTextForm(),
        "sign_order": ",".join(str(sign.pk) for sign in page.signs),
        "lists": lists,
        "picker": picker,
        "findings": findings_shown(page),
        "urls": {
            name: reverse(f"changetheory:{route}", args=[theory.slug])
            for name, route in ROUTES.items()
        },
    }


def _page_context(request: HttpRequest, page: selectors.TheoryPage, **state) -> dict:
    theory = page.theory
    return editor_context(page, **state) | {
        "crumbs": [
            (reverse("changetheory:index"), _("Change theories")),
            (theory.get_absolute_url(), str(theory.subject)),
            (None, _("Edit")),
        ],
    }


def _answer(
    request: HttpRequest,
    slug: str,
    blocks: list[tuple[str, dict]],
    *,
    status: Status,
    code: int = 200,
    saved_from: int | None = None,
    anchor: str = "",
    **state,
) -> HttpResponse:
    """The blocks (htmx) or the whole editor; after a save (`saved_from`: the version it
    was made over) the new version for every form that held the old one, and the findings."""
    page = selectors.theory_page(slug)
    if page is None:
        raise Http404
    if not request.htmx:
        if code == 200:
            messages.success(request, status.notice)
            return redirect(f"{reverse('changetheory:edit', args=[slug])}#{anchor}")
        context = _page_context(request, page, status=status, **state)
        return render(request, TEMPLATE, context, status=code)
    context = editor_context(page, status=status, **state)
    blocks = [_resolve(name, extra, page, context) for name, extra in blocks]
    html = [
        render_to_string(f"{TEMPLATE}#{name}", context | extra, request) for name, extra in blocks
    ]
    if saved_from is not None:
        html.append(
            render_to_string(
                f"{TEMPLATE}#saved_oob", context | {"old_version": saved_from}, request
            )
        )
    response = HttpResponse("".join(html), status=code)
    response[BLOCK_HEADER] = "1"
    if blocks and blocks[0][0] == "links":
        response["HX-Retarget"], response["HX-Reswap"] = "#links", "outerHTML"
    return response


def _resolve(name: str, extra: dict, page, context: dict) -> tuple[str, dict]:
    """A block named by ids, with the objects it shows (a removed sign: all of step 3)."""
    if name == "sign_links":
        sign = next((s for s in page.signs if s.pk == extra["sign_id"]), None)
        return ("sign_links", {"sign": sign}) if sign else ("links", {})
    if name == "list_block":
        return name, {"block": context["lists"][extra["name"]]}
    return name, extra


# --- the page and the picker ---------------------------------------------------------------


@require_GET
@permission_required("changetheory.view", raise_exception=True)
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page_for_change(request.user, slug)
    picker = None
    search = ChoicesForm(request.GET)
    if search.is_valid() and search.cleaned_data["sign"]:
        sign = next((s for s in page.signs if s.pk == search.cleaned_data["sign"]), None)
        if sign is not None:
            q = search.cleaned_data["q"]
            picker = Picker(
                sign=sign.pk,
                q=q,
                choices=selectors.experiment_choices(page.theory, q),
                linked={e.pk for e in sign.experiments_shown},
            )
    return render(request, TEMPLATE, _page_context(request, page, picker=picker))


@require_GET
@permission_required("changetheory.view", raise_exception=True)
@vary_on_headers("HX-Request")
def experiment_choices(request: HttpRequest, slug: str) -> HttpResponse:
    """The picker's results as buttons (htmx); without it, the editor with them."""
    theory = _theory_for_change(request.user, slug)
    if not request.htmx:
        query = urlencode({k: request.GET.get(k, "") for k in ("sign", "q")})
        return redirect(f"{reverse('changetheory:edit', args=[slug])}?{query}")
    search = ChoicesForm(request.GET)
    if not search.is_valid() or not search.cleaned_data["sign"]:
        context = {"search_error": _first_error(search) if search.errors else ""}
        response = render(request, f"{TEMPLATE}#choices", context, status=400)
        response[BLOCK_HEADER] = "1"
        return response
    sign = selectors.sign_of(theory, search.cleaned_data["sign"])
    context = {
        "choices": selectors.experiment_choices(theory, search.cleaned_data["q"]),
        "linked": selectors.linked_experiment_ids(sign) if sign else set(),
        "q": search.cleaned_data["q"],
    }
    return render(request, f"{TEMPLATE}#choices", context)

"""The experiment page's context, shared by the page itself (detail.py) and the wheel's
moves (wheel.py), which answer with the page or its wheel panel."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from experiments import selectors
from experiments.enums import Phase
from experiments.forms import AdvanceForm, DecisionForm, LaunchForm, StepBackForm
from labportal.core import fragments
from labportal.core.parts import app_parts

# action -> (form class, perm that opens it)
ACTIONS = {
    "launch": (LaunchForm, "experiments.launch"),
    "advance": (AdvanceForm, "experiments.advance"),
    "back": (StepBackForm, "experiments.step_back"),
    "decide": (DecisionForm, "experiments.decide"),
}


def wheel_forms(user, experiment, *, action: str = "", bound=None, kept_note: str = "") -> dict:
    """The forms of the moves open to this person now, keyed by action."""
    phase = Phase(experiment.phase)
    forms = {}
    for name, (form_class, perm) in ACTIONS.items():
        if not user.has_perm(perm, experiment):
            continue
        if name == action and bound is not None:
            forms[name] = bound
            continue
        initial = {"expected_phase": phase.value}
        if name == "advance" and phase.next():
            initial["to_phase"] = phase.next().value
        if name == "back" and phase.previous():
            initial["to_phase"] = phase.previous().value
        if name == action and kept_note:
            initial["note"] = kept_note
        forms[name] = form_class(initial=initial)
    return forms


def timeline_html(experiment) -> str:
    """What was registered at launch and every move on the wheel (same for everyone)."""
    context = {
        "experiment": experiment,
        "transitions": list(experiment.transitions.all()),
        "registered_changed": experiment.registered_changes(),
    }
    return render_to_string("experiments/detail.html#timeline", context)


def part_sections_html(experiment) -> str:
    """What other apps show in the wheel section (their `experiment_page` parts,
    labportal/core/parts.py), in INSTALLED_APPS order: the same for everyone."""
    html = []
    for module in app_parts("experiment_page"):
        for template_name, context_function in module.SECTIONS:
            context = context_function(experiment)
            if context is not None:
                html.append(render_to_string(template_name, context))
    return mark_safe("".join(html))  # noqa: S308 - joined templates' own (escaped) output


def panel_context(
    request: HttpRequest,
    experiment,
    *,
    action: str = "",
    bound=None,
    error: str = "",
    notice: str = "",
    kept_note: str = "",
) -> dict:
    forms = wheel_forms(request.user, experiment, action=action, bound=bound, kept_note=kept_note)
    phase = Phase(experiment.phase)
    return {
        "experiment": experiment,
        "phase": phase,
        "next_phase": phase.next(),
        "previous_phase": phase.previous(),
        "wheel_forms": forms,
        "wheel_error": error,
        "wheel_notice": notice,
        # A note the person wrote for a move that is no longer open is shown, not lost.
        "kept_note": kept_note if kept_note and action not in forms else "",
        "timeline": fragments.cached(
            "experiment-timeline", experiment.pk, build=lambda: timeline_html(experiment)
        ),
        "part_sections": fragments.cached(
            "experiment-part-sections", experiment.pk, build=lambda: part_sections_html(experiment)
        ),
    }


def safe_links(links) -> list[tuple[str, str | None]]:
    """(text, url) pairs; only http(s) and mailto addresses become links."""
    result = []
    for link in links or []:
        if isinstance(link, dict):
            url, text = str(link.get("url") or ""), str(link.get("title") or "")
        else:
            url = text = str(link)
        ok = url.startswith(("https://", "http://", "mailto:"))
        result.append((text or url, url if ok else None))
    return result


def page_parts(user, slug: str) -> dict:
    """The experiment and the parts of its page that read the same for everyone (facts,
    sections, team), rendered once per change and kept in the fragment cache
    (labportal/core/fragments.py). 404 when unknown, 403 when not readable."""

    def build() -> dict:
        experiment = selectors.experiment_or_404(slug)
        concepts, iterations = selectors.experiment_links(experiment)
        context = {
            "experiment": experiment,
            "memberships": list(experiment.memberships.all()),
            "concepts": concepts,
            "iterations": iterations,
            "links": safe_links(experiment.links),
        }
        return {
            "experiment": experiment,
            "facts": render_to_string("experiments/detail.html#facts", context),
            "sections": render_to_string("experiments/detail.html#sections", context),
        }

    parts = fragments.cached("experiment-page", slug, build=build)
    selectors.ensure_can_view(user, parts["experiment"])
    return parts


def detail_context(request: HttpRequest, parts: dict, **panel) -> dict:
    """The page around the shared parts: what this person may do with the experiment."""
    user = request.user
    experiment = parts["experiment"]
    context = panel_context(request, experiment, **panel)
    # The edit history (a simple-history query and a diff of every record) is not computed
    # here: the page links to experiment_history, which htmx loads in place on demand.
    context |= {
        "facts": parts["facts"],
        "sections": parts["sections"],
        "can_edit": user.has_perm("experiments.change", experiment),
        "can_view_history": user.has_perm("experiments.view_history", experiment),
        "crumbs": [
            (reverse("experiments:list"), _("Experiments")),
            (None, experiment.title),
        ],
    }
    return context

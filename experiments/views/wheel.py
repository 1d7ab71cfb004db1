"""Moves on the experiment wheel: launch, advance, step back, decide.

Each is a POST. With htmx the answer is the wheel panel partial (also for refusals, with a
4xx status that static/js/wheel.js lets htmx swap in); without JavaScript a success redirects
to the page with a flash message and a refusal re-renders the whole page with the note kept.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from experiments import selectors, services
from experiments.enums import Phase
from experiments.exceptions import ExperimentError, NoteRequired, StaleTransition
from experiments.forms import AdvanceForm, DecisionForm, LaunchForm, StepBackForm
from labportal.core import fragments

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
    }


def timeline_html(experiment) -> str:
    """What was registered at launch and every move on the wheel (same for everyone)."""
    context = {
        "experiment": experiment,
        "transitions": list(experiment.transitions.all()),
        "registered_changed": experiment.registered_changes(),
    }
    return render_to_string("experiments/detail.html#timeline", context)


def _run(action: str, form, *, experiment, by):
    data = form.cleaned_data
    common = {"experiment": experiment, "by": by, "expected_phase": data["expected_phase"]}
    if action == "launch":
        return services.experiment_launch(note=data["note"], **common)
    if action == "advance":
        return services.experiment_advance(
            note=data["note"], to_phase=data.get("to_phase") or None, **common
        )
    if action == "back":
        return services.experiment_step_back(
            reason=data["note"], to_phase=data.get("to_phase") or None, **common
        )
    return services.experiment_decide(note=data["note"], decision=data["decision"], **common)


def _answer(request, experiment_slug, *, status=200, **panel):
    from .detail import detail_context, page_parts

    parts = page_parts(request.user, experiment_slug)
    if request.htmx:
        context = panel_context(request, parts["experiment"], **panel)
        return render(request, "experiments/detail.html#wheel_panel", context, status=status)
    context = detail_context(request, parts, **panel)
    return render(request, "experiments/detail.html", context, status=status)


def _transition_view(action: str):
    form_class = ACTIONS[action][0]

    @require_POST
    @vary_on_headers("HX-Request")
    def view(request: HttpRequest, slug: str) -> HttpResponse:
        experiment = selectors.experiment_for_action(request.user, slug)
        form = form_class(request.POST)
        note = (request.POST.get(f"{form.prefix}-note") or "").strip()
        if not form.is_valid():
            errors = form.errors.get("note") or form.errors.get("decision")
            return _answer(
                request,
                slug,
                status=400,
                action=action,
                bound=form,
                error=errors[0] if errors else _("The form was incomplete; nothing was changed."),
            )
        try:
            transition = _run(action, form, experiment=experiment, by=request.user)
        except StaleTransition as exc:
            return _answer(
                request, slug, status=exc.status, action=action, error=exc.message, kept_note=note
            )
        except NoteRequired as exc:
            form.add_error("note", exc.message)
            return _answer(
                request, slug, status=exc.status, action=action, bound=form, error=exc.message
            )
        except ExperimentError as exc:
            return _answer(
                request, slug, status=exc.status, action=action, error=exc.message, kept_note=note
            )
        notice = _notice(transition)
        if request.htmx:
            return _answer(request, slug, notice=notice)
        messages.success(request, notice)
        return redirect("experiments:detail", slug=slug)

    view.__name__ = f"experiment_{action}"
    return view


def _notice(transition) -> str:
    if transition.kind == "decision":
        return _("The decision “%(decision)s” has been recorded.") % {
            "decision": transition.get_decision_display()
        }
    return _("The experiment is now in the %(phase)s.") % {
        "phase": Phase(transition.to_phase).label
    }


experiment_launch = _transition_view("launch")
experiment_advance = _transition_view("advance")
experiment_step_back = _transition_view("back")
experiment_decide = _transition_view("decide")

"""Moves on the experiment wheel: launch, advance, step back, decide.

Each is a POST. With htmx the answer is the wheel panel partial (also for refusals, with a
4xx status that static/js/wheel.js lets htmx swap in); without JavaScript a success redirects
to the page with a flash message and a refusal re-renders the whole page with the note kept.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from experiments import selectors, services
from experiments.enums import Phase, TransitionKind
from experiments.exceptions import ExperimentError, NoteRequired, StaleTransition

from .page import ACTIONS, detail_context, page_parts, panel_context


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
    follow_up = getattr(transition, "follow_up", None)
    if follow_up is not None:
        return format_html(
            _("The decision “{decision}” has been recorded. The new iteration: {link}."),
            decision=transition.get_decision_display(),
            link=format_html('<a href="{}">{}</a>', follow_up.get_absolute_url(), follow_up.title),
        )
    if transition.kind == TransitionKind.DECISION:
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

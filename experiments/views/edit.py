"""Creating an experiment (strategic level, administrators) and editing its sections (team)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from experiments import selectors, services
from experiments.exceptions import ExperimentError, SlugTaken, StaleEdit, SubmissionUsed
from experiments.forms import ExperimentCreateForm, ExperimentEditForm
from experiments.models import Experiment, TeamMembership


@require_http_methods(["GET", "POST"])
@permission_required("experiments.create", raise_exception=True)
def experiment_create(request: HttpRequest) -> HttpResponse:
    form = ExperimentCreateForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        valid = form.is_valid()
        # The same form sent again (a double click, a second tab): show what it created.
        earlier = selectors.experiment_created_by_submission(form.cleaned_data.get("submission"))
        if earlier is not None:
            return _sent_before(request, earlier)
        if valid:
            try:
                experiment = services.experiment_create(by=request.user, **form.service_kwargs())
            except SubmissionUsed as exc:
                return _sent_before(request, exc.experiment)
            except SlugTaken as exc:
                form.add_error("slug", exc.message)
            except ExperimentError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("The experiment “%(title)s” has been created in the pre-phase.")
                    % {"title": experiment.title},
                )
                return redirect(experiment)
        if form.cleaned_data.get("submission") is None:
            form.renew_submission()
        status = 400
    context = {
        "form": form,
        "crumbs": [(reverse("experiments:list"), _("Experiments")), (None, _("New experiment"))],
    }
    return render(request, "experiments/create.html", context, status=status)


def _sent_before(request: HttpRequest, experiment: Experiment) -> HttpResponse:
    messages.info(request, SubmissionUsed(experiment).message)
    return redirect(experiment)


def _experiment_for_edit(user, slug: str) -> Experiment:
    from django.db.models import Prefetch

    queryset = Experiment.objects.select_related("program", "track").prefetch_related(
        Prefetch("memberships", queryset=TeamMembership.objects.only("experiment_id", "user_id"))
    )
    experiment = selectors.experiment_for_user(user, slug, queryset=queryset)
    if not user.has_perm("experiments.change", experiment):
        raise PermissionDenied
    return experiment


@require_http_methods(["GET", "POST"])
@permission_required("portal.view", raise_exception=True)
def experiment_edit(request: HttpRequest, slug: str) -> HttpResponse:
    experiment = _experiment_for_edit(request.user, slug)
    can_manage_team = request.user.has_perm("experiments.manage_team", experiment)
    form = ExperimentEditForm(
        request.POST if request.method == "POST" else None,
        experiment=experiment,
        can_manage_team=can_manage_team,
    )
    status, conflicts = 200, []
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                changed = services.experiment_update(
                    experiment=experiment, by=request.user, **form.service_kwargs()
                )
            except StaleEdit as exc:
                # Nothing was written: show their text next to this person's, and let a
                # second save (now knowingly) replace theirs.
                form.add_error(None, exc.message)
                conflicts = form.conflicts(exc.current, exc.current_team)
                form.renew_version(exc.version)
                status = exc.status
            except ExperimentError as exc:
                form.add_error(None, exc.message)
            else:
                if changed:
                    messages.success(request, _("Your changes have been saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect(experiment)
        elif not form.cleaned_data.get("version"):
            form.renew_version()
    context = {
        "form": form,
        "conflicts": conflicts,
        "experiment": experiment,
        "crumbs": [
            (reverse("experiments:list"), _("Experiments")),
            (experiment.get_absolute_url(), experiment.title),
            (None, _("Edit")),
        ],
    }
    return render(request, "experiments/edit.html", context, status=status)

"""Creating an experiment (strategic level, administrators) and editing its sections (team)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from experiments import selectors, services
from experiments.exceptions import ExperimentError, SlugTaken
from experiments.forms import ExperimentCreateForm, ExperimentEditForm
from experiments.models import Experiment, TeamMembership


@require_http_methods(["GET", "POST"])
@permission_required("experiments.create", raise_exception=True)
def experiment_create(request: HttpRequest) -> HttpResponse:
    form = ExperimentCreateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                experiment = services.experiment_create(by=request.user, **form.service_kwargs())
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
        status = 400
    context = {
        "form": form,
        "crumbs": [(reverse("experiments:list"), _("Experiments")), (None, _("New experiment"))],
    }
    return render(request, "experiments/create.html", context, status=status)


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
        request.POST or None, experiment=experiment, can_manage_team=can_manage_team
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    changed = services.experiment_update(
                        experiment=experiment, by=request.user, data=form.section_data()
                    )
                    added = removed = 0
                    if "team" in form.fields:
                        added, removed = services.team_set(
                            experiment=experiment, users=form.cleaned_data["team"], by=request.user
                        )
            except ExperimentError as exc:
                form.add_error(None, exc.message)
            else:
                if changed or added or removed:
                    messages.success(request, _("Your changes have been saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect(experiment)
        status = 400
    context = {
        "form": form,
        "experiment": experiment,
        "crumbs": [
            (reverse("experiments:list"), _("Experiments")),
            (experiment.get_absolute_url(), experiment.title),
            (None, _("Edit")),
        ],
    }
    return render(request, "experiments/edit.html", context, status=status)

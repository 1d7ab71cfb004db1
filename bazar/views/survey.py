"""The effect survey's page: `/bazar/survey/<token>/`, open without signing in, only through
its token (effect.py says how tokens work). Unknown, answered, expired or closed links get a
friendly page with the right status; nothing is saved then."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods

from .. import effect
from ..effect import SurveyNotOpen, SurveyState
from ..exceptions import BazarError
from ..forms_effect import SurveyForm

STATUS = {
    SurveyState.UNKNOWN: 404,
    SurveyState.ANSWERED: 200,
    SurveyState.EXPIRED: 410,
    SurveyState.CLOSED: 409,
}


def _context(survey, **extra) -> dict:
    return {
        "survey": survey,
        "person": survey.recipient if survey else None,
        "practice": effect.practice_title(survey) if survey else "",
        "event": survey.event if survey else None,
        **extra,
    }


def _not_open(request, survey, state: str, status: int | None = None) -> HttpResponse:
    context = _context(survey if state != SurveyState.UNKNOWN else None, state=state)
    return render(request, "bazar/survey/closed.html", context, status=status or STATUS[state])


@login_not_required
@never_cache
@ensure_csrf_cookie
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    found = effect.survey_for_token(token)
    state = effect.survey_state(found)
    if state != SurveyState.OPEN:
        return _not_open(request, found, state, 409 if request.method == "POST" else None)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                effect.survey_answer(token=token, **form.cleaned_data)
            except SurveyNotOpen as error:
                return _not_open(request, found, error.state, error.status)
            except BazarError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return render(request, "bazar/survey/thanks.html", _context(found))
        else:
            status = 400
    return render(request, "bazar/survey/form.html", _context(found, form=form), status=status)

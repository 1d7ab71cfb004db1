"""The effect mapping's pages: the survey behind its token (no sign-in) and the results,
per event and for all events. Included before the visitor pages, so that "survey" and
"results" are never taken for an event's slug."""

from django.urls import path

from .views import results, survey

urlpatterns = [
    path("survey/<str:token>/", survey.survey, name="survey"),
    path("results/", results.results_all, name="results_all"),
    path("<slug:event>/results/", results.results, name="results"),
]

from django.urls import path

from .views import editor, editor_steps, pages

app_name = "changetheory"

urlpatterns = [
    path("", pages.index, name="index"),
    path("new/", pages.create, name="create"),
    path("<slug:slug>/", pages.detail, name="detail"),
    path("<slug:slug>/history/", pages.history, name="history"),
    path("<slug:slug>/edit/", editor.edit, name="edit"),
    path("<slug:slug>/edit/practice/", editor_steps.edit_practice, name="edit_practice"),
    path("<slug:slug>/edit/signs/", editor_steps.edit_signs, name="edit_signs"),
    path("<slug:slug>/edit/links/", editor_steps.edit_links, name="edit_links"),
    path("<slug:slug>/edit/experiments/", editor.experiment_choices, name="experiment_choices"),
    path("<slug:slug>/edit/hypothesis/", editor_steps.edit_hypothesis, name="edit_hypothesis"),
    path("<slug:slug>/edit/lists/", editor_steps.edit_list, name="edit_list"),
]

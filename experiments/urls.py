from django.urls import path

from .views import booklet_import, browse, detail, edit, wheel

app_name = "experiments"

urlpatterns = [
    path("", browse.experiment_list, name="list"),
    path("new/", edit.experiment_create, name="create"),
    path("import/", booklet_import.booklet_import, name="booklet_import"),
    path(
        "import/<uuid:token>/",
        booklet_import.booklet_import_detail,
        name="booklet_import_detail",
    ),
    path("<slug:slug>/", detail.experiment_detail, name="detail"),
    path("<slug:slug>/history/", detail.experiment_history, name="history"),
    path("<slug:slug>/edit/", edit.experiment_edit, name="edit"),
    path("<slug:slug>/launch/", wheel.experiment_launch, name="launch"),
    path("<slug:slug>/advance/", wheel.experiment_advance, name="advance"),
    path("<slug:slug>/back/", wheel.experiment_step_back, name="step_back"),
    path("<slug:slug>/decide/", wheel.experiment_decide, name="decide"),
]

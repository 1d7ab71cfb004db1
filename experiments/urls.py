from django.urls import path

from .views import browse, detail

app_name = "experiments"

urlpatterns = [
    path("", browse.experiment_list, name="list"),
    path("<slug:slug>/", detail.experiment_detail, name="detail"),
]

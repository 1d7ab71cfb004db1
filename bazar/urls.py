from django.urls import path

from . import views

app_name = "bazar"

urlpatterns = [
    path("", views.index, name="index"),
]

from django.urls import path

from . import views

app_name = "changetheory"

urlpatterns = [
    path("", views.index, name="index"),
]

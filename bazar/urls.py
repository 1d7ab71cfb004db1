from django.urls import path

from .views import visitor

app_name = "bazar"

urlpatterns = [
    path("", visitor.index, name="index"),
]

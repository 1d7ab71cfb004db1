"""The visitors' pages: events, an event's programme and booths, a booth (its QR code leads
here) with the interest card form, and the visitor's own cards."""

from django.urls import path

from .views import cards
from .views import visitor as views

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.event, name="event"),
    path("<slug:event>/booths/<slug:booth>/", cards.booth, name="booth"),
    path(
        "<slug:event>/booths/<slug:booth>/pre-register/",
        views.pre_register,
        name="pre_register",
    ),
    path("<slug:event>/cards/", cards.my_cards, name="my_cards"),
    path("<slug:event>/cards/<int:card_id>/", cards.card, name="card"),
]

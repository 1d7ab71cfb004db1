"""The organisers' pages: creating an event, and under /bazar/<event>/organise/ its
overview, set-up (working group, booths, themes, rounds), prints (programme, QR signs) and
the day itself (check-in, attendance rule, interest cards)."""

from django.urls import path

from .views import checkin, collection, organiser, printing, rounds, setup

E = "<slug:event>/organise/"

urlpatterns = [
    path("new/", organiser.event_create, name="event_create"),
    path(E, organiser.organise, name="organise"),
    path(f"{E}edit/", organiser.event_edit, name="event_edit"),
    path(f"{E}status/", organiser.event_move, name="event_move"),
    path(f"{E}working-group/", organiser.working_group, name="working_group"),
    path(
        f"{E}working-group/<int:member>/remove/",
        organiser.working_group_remove,
        name="working_group_remove",
    ),
    path(f"{E}booths/", setup.booths, name="booths"),
    path(f"{E}booths/<slug:booth>/", setup.booth_edit, name="booth_edit"),
    path(f"{E}booths/<slug:booth>/remove/", setup.booth_remove, name="booth_remove"),
    path(f"{E}fact-sheets/", setup.booth_fact_sheets, name="booth_fact_sheets"),
    path(f"{E}themes/", setup.theme_add, name="theme_add"),
    path(f"{E}themes/<int:theme>/remove/", setup.theme_remove, name="theme_remove"),
    path(f"{E}rounds/", rounds.rounds, name="rounds"),
    path(f"{E}rounds/<int:round>/remove/", rounds.round_remove, name="round_remove"),
    path(f"{E}rounds/<int:round>/move/", rounds.round_move, name="round_move"),
    path(f"{E}rounds/<int:round>/slots/", rounds.slot_add, name="slot_add"),
    path(f"{E}slots/<int:slot>/time/", rounds.slot_time, name="slot_time"),
    path(f"{E}slots/<int:slot>/move/", rounds.slot_move, name="slot_move"),
    path(f"{E}slots/<int:slot>/remove/", rounds.slot_remove, name="slot_remove"),
    path(f"{E}programme/", printing.programme, name="programme"),
    path(f"{E}signs/", printing.signs, name="signs"),
    path(f"{E}signs/<slug:booth>.svg", printing.booth_qr, name="booth_qr"),
    path(f"{E}check-in/", checkin.check_in, name="check_in"),
    path(f"{E}check-in/toggle/", checkin.check_in_toggle, name="check_in_toggle"),
    path(f"{E}compliance/", checkin.compliance, name="compliance"),
    path(f"{E}collection/", collection.collection, name="collection"),
]

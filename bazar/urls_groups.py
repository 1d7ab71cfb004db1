"""The follow-up groups: the organisers' grouping page and its actions under
/bazar/<event>/organise/groups/, and each group's page with its two workshops under
/bazar/<event>/groups/<id>/."""

from django.urls import path

from .views import groups, workshops

E = "<slug:event>/organise/groups/"
G = "<slug:event>/groups/<int:group_id>/"

urlpatterns = [
    path(E, groups.groups, name="groups"),
    path(f"{E}accept/", groups.group_accept, name="group_accept"),
    path(f"{E}move/", groups.group_card_move, name="group_card_move"),
    path(f"{E}<int:group_id>/rename/", groups.group_rename, name="group_rename"),
    path(f"{E}<int:group_id>/remove/", groups.group_remove, name="group_remove"),
    path(f"{E}<int:group_id>/merge/", groups.group_merge, name="group_merge"),
    path(f"{E}<int:group_id>/split/", groups.group_split, name="group_split"),
    path(
        f"{E}<int:group_id>/workshops/<int:number>/schedule/",
        workshops.workshop_schedule,
        name="workshop_schedule",
    ),
    path(
        f"{E}<int:group_id>/workshops/<int:number>/invite/",
        workshops.workshop_invite,
        name="workshop_invite",
    ),
    path(G, workshops.group, name="group"),
    path(f"{G}workshops/<int:number>/", workshops.workshop_save, name="workshop_save"),
]

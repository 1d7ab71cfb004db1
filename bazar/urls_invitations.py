"""Invitations to an event, for its organisers: /bazar/<event>/invitations/..."""

from django.urls import path

from .views import invitations as views

urlpatterns = [
    path("<slug:event>/invitations/", views.invitations, name="invitations"),
    path("<slug:event>/invitations/invite/", views.invitation_add, name="invitation_add"),
    path(
        "<slug:event>/invitations/<int:attendee>/remove/",
        views.invitation_remove,
        name="invitation_remove",
    ),
    path("<slug:event>/invitations/send/", views.invitations_send, name="invitations_send"),
]

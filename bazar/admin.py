"""Django admin for the bazar: administrators only (portal.administer), to fix by hand what
the portal's pages cannot. Events are created and moved through the portal (services.py);
here an event's details, themes, booths and rounds can be corrected, attendees fixed and
cards read. The status and its history are read-only."""

from django.contrib import admin

from labportal.core.admin import PortalAdminMixin, PortalInline

from .models import (
    Attendee,
    BazarEvent,
    Booth,
    EventStatusChange,
    InterestCard,
    PitchRound,
    Theme,
    WorkingGroupMember,
)


class NoAddMixin:
    def has_add_permission(self, request, *args):
        return False  # made in the portal, through its services and rules


class ThemeInline(PortalInline):
    model = Theme
    fields = ("title", "order")


class BoothInline(PortalInline):
    model = Booth
    fields = ("title", "slug", "experiment", "theme", "order")
    raw_id_fields = ("experiment",)
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        return False  # a booth may have interest cards; the portal removes booths


class PitchRoundInline(PortalInline):
    model = PitchRound
    fields = ("kind", "theme", "starts_at", "ends_at", "order")


class WorkingGroupInline(PortalInline):
    model = WorkingGroupMember
    fields = ("user", "education", "role")
    raw_id_fields = ("user",)


class StatusChangeInline(NoAddMixin, PortalInline):
    model = EventStatusChange
    fields = ("from_status", "to_status", "by", "at")
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BazarEvent)
class BazarEventAdmin(NoAddMixin, PortalAdminMixin, admin.ModelAdmin):
    list_display = ("title", "date", "status", "place")
    list_filter = ("status",)
    search_fields = ("title", "slug", "place")
    date_hierarchy = "date"
    filter_horizontal = ("institutions",)
    # The status moves only through event_move, which records who moved it.
    readonly_fields = ("status", "created_by", "created_at")
    inlines = [ThemeInline, WorkingGroupInline, BoothInline, PitchRoundInline, StatusChangeInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Booth)
class BoothAdmin(NoAddMixin, PortalAdminMixin, admin.ModelAdmin):
    list_display = ("title", "event", "experiment", "theme", "order")
    list_filter = ("event",)
    search_fields = ("title", "slug", "experiment__title")
    list_select_related = ("event", "experiment", "theme")
    raw_id_fields = ("experiment", "theme")
    filter_horizontal = ("hosts",)
    readonly_fields = ("event",)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attendee)
class AttendeeAdmin(NoAddMixin, PortalAdminMixin, admin.ModelAdmin):
    list_display = ("user", "event", "education", "role", "invited_at", "checked_in_at")
    list_filter = ("event", "role")
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
    list_select_related = ("user", "event", "education__institution")
    raw_id_fields = ("education",)
    readonly_fields = ("event", "user", "invited_at", "checked_in_at", "checked_in_by")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InterestCard)
class InterestCardAdmin(NoAddMixin, PortalAdminMixin, admin.ModelAdmin):
    """Read-only: a card is the visitor's own words."""

    list_display = ("visitor", "booth", "commitment", "visited", "created_at")
    list_filter = ("commitment", "booth__event")
    search_fields = ("visitor__username", "booth__title", "take_home")
    list_select_related = ("visitor", "booth")
    readonly_fields = (
        "booth",
        "visitor",
        "commitment",
        "take_home",
        "visited",
        "created_at",
        "updated_at",
    )

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

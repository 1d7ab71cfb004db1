"""Django admin for experiments.

Administrators (the "administrator" role) manage these models; the admin asks the same
rules as the portal (portal.administer) instead of Django's model permissions.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from labportal.core.admin import PortalAdminMixin, PortalInline

from .models import Experiment, PhaseTransition, TeamMembership


class TeamMembershipInline(PortalInline):
    model = TeamMembership
    raw_id_fields = ("user",)


class PhaseTransitionInline(PortalInline):
    model = PhaseTransition
    fields = ("at", "kind", "from_phase", "to_phase", "decision", "by", "note")
    readonly_fields = fields
    ordering = ("-at",)

    def has_add_permission(self, request, *args):
        return False  # moves on the wheel go through the portal's services


@admin.register(Experiment)
class ExperimentAdmin(PortalAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "phase", "decision", "track", "institution", "owner", "updated_at")
    list_filter = ("phase", "decision", "program", "track", "institution")
    search_fields = ("title", "slug", "challenge", "hypothesis")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("owner", "parent", "education")
    list_select_related = ("track", "institution", "owner")
    # Phase and decision change only through the wheel's services (with their history).
    readonly_fields = (
        "phase",
        "decision",
        "registered_challenge",
        "registered_hypothesis",
        "registered_at",
        "phase_entered_at",
        "created_at",
        "updated_at",
    )
    date_hierarchy = "created_at"
    inlines = [TeamMembershipInline, PhaseTransitionInline]


@admin.register(TeamMembership)
class TeamMembershipAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("user", "experiment", "role")
    list_filter = ("experiment__track",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "experiment__title")
    raw_id_fields = ("user", "experiment")
    list_select_related = ("user", "experiment")


@admin.register(PhaseTransition)
class PhaseTransitionAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("experiment", "kind", "from_phase", "to_phase", "decision", "by", "at")
    list_filter = ("kind", "to_phase", "decision")
    search_fields = ("experiment__title", "note", "by__username")
    raw_id_fields = ("experiment", "by")
    list_select_related = ("experiment", "by")
    date_hierarchy = "at"

    def has_add_permission(self, request, *args):
        return False  # moves on the wheel go through the portal's services

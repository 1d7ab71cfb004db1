"""Django admin for the organisation and experiments.

Administrators (the "administrator" role) manage these models; the admin asks the same
rules as the portal (portal.administer) instead of Django's model permissions.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    DevelopmentLab,
    Education,
    Experiment,
    Institution,
    PhaseTransition,
    Program,
    TeamMembership,
    Track,
    TrackAlias,
)


class PortalAdminMixin:
    """Administrators of the portal may view and change these models in the admin."""

    def _administers(self, request) -> bool:
        return request.user.is_active and request.user.has_perm("portal.administer")

    def has_module_permission(self, request):
        return self._administers(request)

    def has_view_permission(self, request, obj=None):
        return self._administers(request)

    def has_add_permission(self, request, *args):
        return self._administers(request)

    def has_change_permission(self, request, obj=None):
        return self._administers(request)

    def has_delete_permission(self, request, obj=None):
        return self._administers(request)


class PortalInline(PortalAdminMixin, admin.TabularInline):
    extra = 0


class ProgramInline(PortalInline):
    model = Program
    fields = ("title", "slug", "owner")
    raw_id_fields = ("owner",)


class TrackInline(PortalInline):
    model = Track
    fields = ("title", "slug", "owner")
    raw_id_fields = ("owner",)


class TrackAliasInline(PortalInline):
    model = TrackAlias


class EducationInline(PortalInline):
    model = Education
    prepopulated_fields = {"slug": ("name",)}


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


@admin.register(DevelopmentLab)
class DevelopmentLabAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ProgramInline]


@admin.register(Program)
class ProgramAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "lab", "owner")
    list_filter = ("lab",)
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("owner",)
    list_select_related = ("lab", "owner")
    inlines = [TrackInline]


@admin.register(Track)
class TrackAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "program", "owner")
    list_filter = ("program",)
    search_fields = ("title", "slug", "aliases__name")
    prepopulated_fields = {"slug": ("title",)}
    raw_id_fields = ("owner",)
    list_select_related = ("program", "owner")
    inlines = [TrackAliasInline]


@admin.register(TrackAlias)
class TrackAliasAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("name", "track")
    list_filter = ("track",)
    search_fields = ("name", "track__title")
    list_select_related = ("track",)


@admin.register(Institution)
class InstitutionAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [EducationInline]


@admin.register(Education)
class EducationAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("name", "institution", "slug")
    list_filter = ("institution",)
    search_fields = ("name", "slug", "institution__name")
    list_select_related = ("institution",)


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

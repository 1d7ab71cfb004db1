"""Django admin for concepts: administrators only (portal.administer). Published versions
and the event log are read-only here; the workflow goes through the portal's services."""

from django.contrib import admin

from labportal.core.admin import PortalAdminMixin, PortalInline

from .models import Concept, ConceptEvent, ConceptVersion, Publication


class ConceptVersionInline(PortalInline):
    model = ConceptVersion
    fields = ("number", "published_by", "published_at", "pdf", "public", "withdrawn_at")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Concept)
class ConceptAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("title", "status", "track", "program", "updated_at")
    list_filter = ("status", "program", "track")
    search_fields = ("title", "slug", "focus", "description")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("source_experiments", "authors")
    list_select_related = ("track", "program")
    # The status moves only through the workflow (with its events and versions).
    readonly_fields = ("status", "created_at", "updated_at")
    inlines = [ConceptVersionInline]

    def has_add_permission(self, request, *args):
        return False  # written in the portal, where the writer becomes an author


@admin.register(ConceptVersion)
class ConceptVersionAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("concept", "number", "published_at", "public", "withdrawn_at")
    list_select_related = ("concept",)
    readonly_fields = (
        "concept",
        "number",
        "snapshot",
        "published_by",
        "published_at",
        "pdf",
        "pdf_job",
        "public",
        "public_token",
        "withdrawn_at",
        "withdrawn_by",
        "withdraw_reason",
    )

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConceptEvent)
class ConceptEventAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ("concept", "kind", "by", "at")
    list_filter = ("kind",)
    list_select_related = ("concept", "by")
    readonly_fields = ("concept", "kind", "by", "at", "version", "note")

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(PortalAdminMixin, admin.ModelAdmin):
    """Booklets and fact sheets: made by their jobs; here only the public mark changes."""

    list_display = ("kind", "program", "experiment", "requested_at", "built_at", "public")
    list_filter = ("kind", "public")
    list_select_related = ("program", "experiment")
    fields = (
        "kind",
        "program",
        "experiment",
        "requested_by",
        "requested_at",
        "job",
        "pdf",
        "pages",
        "digest",
        "warnings",
        "built_at",
        "public",
        "public_token",
    )
    readonly_fields = tuple(name for name in fields if name != "public")

    def has_add_permission(self, request, *args):
        return False

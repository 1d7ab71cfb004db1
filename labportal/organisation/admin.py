"""Django admin for the organisation; administrators manage it (portal.administer)."""

from django.contrib import admin

from labportal.core.admin import PortalAdminMixin, PortalInline

from .models import DevelopmentLab, Education, Institution, Program, Track, TrackAlias


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

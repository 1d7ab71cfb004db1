"""What the portal's admin classes share: the admin asks the portal's rules."""

from django.contrib import admin


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

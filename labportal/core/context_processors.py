from functools import cache

from django.conf import settings

from labportal.notifications.selectors import unread_count


def portal(request):
    return {
        "PORTAL_NAME": "labportal",
        "PORTAL_DEBUG": settings.DEBUG,
        "unread_notifications": _unread_counter(request),
    }


def _unread_counter(request):
    """A callable the template resolves on use: one query, only for a signed-in user's page.

    Django templates call callables when they resolve a variable; the cache makes repeated uses
    in one render (badge, screen-reader text) share a single COUNT query, and pages that never
    show the header (htmx partials, JSON) run none.
    """

    @cache
    def count() -> int:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return unread_count(user)

    return count

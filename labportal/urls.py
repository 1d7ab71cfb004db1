from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

# The Django admin in the portal's name (administrators fix data by hand there).
admin.site.site_header = _("labportal administration")
admin.site.site_title = _("labportal administration")
admin.site.index_title = _("The portal's data")
admin.site.site_url = "/"

urlpatterns = [
    path("", include("labportal.core.urls")),
    path("accounts/", include("labportal.accounts.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("notifications/", include("labportal.notifications.urls")),
    path("jobs/", include("labportal.jobs.urls")),
    path("experiments/", include("experiments.urls")),
    path("concepts/", include("concepts.urls")),
    path("changetheory/", include("changetheory.urls")),
    path("bazar/", include("bazar.urls")),
    path("admin/", admin.site.urls),
]
# Uploaded files (MEDIA_ROOT) are never served as such, not even under DEBUG: an uploaded
# booklet is read by its import task, and whatever a page offers for download goes through a
# view that checks who asks.

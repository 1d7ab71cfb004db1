from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipient", "created_at", "read_at", "emailed_at")
    list_filter = ("read_at", "emailed_at")
    search_fields = ("subject", "recipient__username", "recipient__email")
    raw_id_fields = ("recipient",)

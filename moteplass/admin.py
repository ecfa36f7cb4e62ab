from django.contrib import admin

from moteplass.models import ActivityLog


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = ["timestamp", "action", "content_type", "object_id", "user"]
    list_filter = ["action", "content_type"]
    list_select_related = ["content_type", "user"]
    readonly_fields = ["content_type", "object_id", "action", "user", "timestamp", "data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

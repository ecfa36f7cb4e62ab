from django.contrib import admin
from django.db import models

from moteplass.audit import log_action, plain
from moteplass.models import ActivityLog, TaskFailure


class AuditedAdmin(admin.ModelAdmin):
    """Admin edits are recorded like every other change (house style rule 13)."""

    def save_model(self, request, obj, form, change):
        before = {}
        if change:
            stored = type(obj).objects.get(pk=obj.pk)
            before = {name: getattr(stored, name, None) for name in form.changed_data}
        super().save_model(request, obj, form, change)
        changes = []
        for name in form.changed_data:
            field = obj._meta.get_field(name) if name in _field_names(obj) else None
            if field is None:
                continue
            after = form.cleaned_data.get(name) if field.many_to_many else getattr(obj, name)
            if field.many_to_many:
                after = [str(item) for item in after or []]
            changes.append(
                {
                    "field": name,
                    "label": str(field.verbose_name),
                    "before": None if field.many_to_many else plain(before.get(name)),
                    "after": plain(after),
                }
            )
        action = "admin.change" if change else "admin.add"
        log_action(obj, action, user=request.user, changes=changes)

    def delete_model(self, request, obj):
        log_action(obj, "admin.delete", user=request.user, data={"object": str(obj)})
        super().delete_model(request, obj)


def _field_names(obj: models.Model) -> set[str]:
    return {field.name for field in obj._meta.get_fields() if not field.auto_created}


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = ["timestamp", "action", "content_type", "object_repr", "conference", "user"]
    list_filter = ["action", "content_type"]
    list_select_related = ["content_type", "user", "conference"]
    search_fields = ["object_repr"]
    readonly_fields = [
        "content_type",
        "object_id",
        "object_repr",
        "conference",
        "action",
        "user",
        "timestamp",
        "data",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TaskFailure)
class TaskFailureAdmin(admin.ModelAdmin):
    list_display = ["failed_at", "task_name", "error"]
    list_filter = ["task_name"]
    readonly_fields = ["task_name", "task_id", "failed_at", "error"]

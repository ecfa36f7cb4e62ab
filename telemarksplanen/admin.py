from django.contrib import admin

from moteplass.admin import AuditedAdmin
from telemarksplanen.models import FocusArea, Goal, Plan


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0
    fields = ["code", "title_nb", "title_nn", "order", "colour", "provisional"]
    can_delete = False


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["name", "start_year", "end_year", "in_force"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FocusAreaInline]

    def has_delete_permission(self, request, obj=None):
        return False  # a plan stays as the record of what conferences followed up


@admin.register(FocusArea)
class FocusAreaAdmin(AuditedAdmin):
    list_display = ["code", "title_nb", "plan", "order", "colour", "provisional"]
    list_filter = ["plan"]
    list_select_related = ["plan"]

    def has_delete_permission(self, request, obj=None):
        return False  # its goals, and the sessions tied to them, would go with it


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    """Goal edits in the admin are logged like edits from the plan page."""

    list_display = ["code", "title_nb", "title_nn", "focus_area", "provisional"]
    list_filter = ["focus_area__plan", "focus_area", "provisional"]
    list_select_related = ["focus_area"]
    search_fields = ["code", "title_nb", "title_nn"]

    def get_readonly_fields(self, request, obj=None):
        # A goal's code and focus area are its identity: sessions and networks refer to it.
        return ["focus_area", "code"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False  # sessions and networks would silently lose their goal

    def save_model(self, request, obj, form, change):
        from moteplass.audit import log_action
        from telemarksplanen.domain import EDITABLE_GOAL_FIELDS, update_goal

        if not change:
            super().save_model(request, obj, form, change)
            log_action(obj, "telemarksplanen.goal.create", user=request.user)
            return
        original = Goal.objects.get(pk=obj.pk)
        update_goal(
            original,
            by=request.user,
            values={name: getattr(obj, name) for name in EDITABLE_GOAL_FIELDS},
        )
        obj.refresh_from_db()

from django.contrib import admin

from telemarksplanen.models import FocusArea, Goal, Plan


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0
    fields = ["code", "title_nb", "title_nn", "order", "colour", "provisional"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year", "end_year", "in_force"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FocusAreaInline]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "title_nb", "plan", "order", "colour", "provisional"]
    list_filter = ["plan"]
    list_select_related = ["plan"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    """Goal edits in the admin are logged like edits from the plan page."""

    list_display = ["code", "title_nb", "title_nn", "focus_area", "provisional"]
    list_filter = ["focus_area__plan", "focus_area", "provisional"]
    list_select_related = ["focus_area"]
    search_fields = ["code", "title_nb", "title_nn"]

    def save_model(self, request, obj, form, change):
        from telemarksplanen.domain import EDITABLE_GOAL_FIELDS, update_goal

        if not change:
            return super().save_model(request, obj, form, change)
        original = Goal.objects.get(pk=obj.pk)
        update_goal(
            original,
            by=request.user,
            values={name: getattr(obj, name) for name in EDITABLE_GOAL_FIELDS},
        )
        obj.refresh_from_db()

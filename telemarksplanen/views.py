import re

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView, UpdateView

from moteplass.audit import history_for
from moteplass.permissions import ScopedPermissionMixin
from telemarksplanen.domain import update_goal
from telemarksplanen.forms import GoalForm
from telemarksplanen.models import Plan
from telemarksplanen.queries import (
    focus_area_colours,
    goal_for_editing,
    goals_for_editing,
    other_plans,
    plan_in_force,
    plan_overview,
)

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class PlanView(TemplateView):
    """The public plan page: focus areas → main goals, with networks and sessions per goal."""

    template_name = "telemarksplanen/plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slug = self.kwargs.get("slug")
        plan = get_object_or_404(Plan, slug=slug) if slug else plan_in_force()
        if plan is None:
            raise Http404
        context["plan"] = plan
        context["focus_areas"] = plan_overview(plan)
        context["other_plans"] = other_plans(plan)
        return context


class GoalListView(ScopedPermissionMixin, ListView):
    """Advisers' list of the plan's goals, with links to edit each."""

    view_permission = "conferences.view_adviser_area"
    template_name = "telemarksplanen/goal_list.html"
    context_object_name = "goals"

    def get_queryset(self):
        self.plan = plan_in_force()
        if self.plan is None:
            raise Http404
        return goals_for_editing(self.plan)

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)


class GoalUpdateView(ScopedPermissionMixin, UpdateView):
    """Edit a goal's wording (advisers); others who may open the adviser area see it read-only."""

    view_permission = "telemarksplanen.view_goal_history"
    change_permission = "telemarksplanen.change_goal"
    form_class = GoalForm
    template_name = "telemarksplanen/goal_form.html"
    context_object_name = "goal"

    def get_permission_object(self):
        self.object = get_object_or_404(goal_for_editing(), pk=self.kwargs["pk"])
        return self.object

    def get_object(self, queryset=None):
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=history_for(self.object), **kwargs)

    def form_valid(self, form):
        changes = update_goal(self.object, by=self.request.user, values=form.cleaned_data)
        if changes:
            messages.success(self.request, _("The main goal has been saved."))
        else:
            messages.info(self.request, _("Nothing was changed."))
        return redirect("goal_edit", pk=self.object.pk)


def colours_css(request):
    """Focus area colours are data, so they are served as a stylesheet (no inline styles)."""
    rules_css = "".join(
        f".area-colour-{pk}{{background-color:{colour}}}\n"
        for pk, colour in focus_area_colours()
        if COLOUR.fullmatch(colour)
    )
    return HttpResponse(rules_css, content_type="text/css; charset=utf-8")

"""The adviser area: dashboard, conference settings and rooms."""

import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import (
    CreateView,
    DeleteView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
)

from conferences.domain import (
    add_partners,
    create_conference,
    delete_room,
    remove_partner,
    save_room,
    update_conference,
)
from conferences.forms import AddPartnersForm, ConferenceForm, RoomForm
from conferences.models import Room
from conferences.queries import (
    conference_with_plan,
    conferences_for_user,
    organisations_not_partners,
    partners_for,
    rooms_for,
)
from conferences.queries.core import FAILURES_SHOWN_DAYS, recent_task_failures
from conferences.queries.coverage import goal_coverage
from moteplass.permissions import ScopedPermissionMixin
from partners.queries import adviser_organisations


class DashboardView(ScopedPermissionMixin, ListView):
    view_permission = "conferences.view_adviser_area"
    template_name = "conferences/adviser/dashboard.html"
    context_object_name = "conferences"

    def get_queryset(self):
        return conferences_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            task_failures=recent_task_failures(), failures_shown_days=FAILURES_SHOWN_DAYS, **kwargs
        )


class ConferenceCreateView(ScopedPermissionMixin, CreateView):
    view_permission = "conferences.add_conference"
    form_class = ConferenceForm
    template_name = "conferences/adviser/conference_form.html"

    def get_permission_object(self):
        # A new conference is organised by the adviser's county; without one (e.g. a technical
        # superuser) there is nobody to organise it.
        self.organiser = adviser_organisations(self.request.user).first()
        if self.organiser is None:
            raise Http404
        return None

    def form_valid(self, form):
        organiser = self.organiser
        conference = create_conference(
            by=self.request.user,
            organiser=organiser,
            values=form.model_values(),
            goals_in_focus=form.cleaned_data["goals_in_focus"],
        )
        messages.success(self.request, _("The conference has been created."))
        return redirect("conference_edit", slug=conference.slug)


class ConferenceScopedMixin(ScopedPermissionMixin):
    """Views below a conference: the conference is the permission object."""

    view_permission = "conferences.view_conference"
    change_permission = "conferences.change_conference"

    def get_permission_object(self):
        self.conference = get_object_or_404(conference_with_plan(), slug=self.kwargs["slug"])
        return self.conference

    def get_context_data(self, **kwargs):
        return super().get_context_data(conference=self.conference, **kwargs)


class ConferenceUpdateView(ConferenceScopedMixin, UpdateView):
    form_class = ConferenceForm
    template_name = "conferences/adviser/conference_form.html"

    def get_object(self, queryset=None):
        # The form gets its own copy, so a failed edit never shows unsaved values in the page.
        return conference_with_plan().get(pk=self.conference.pk)

    def form_valid(self, form):
        changes = update_conference(
            self.conference,
            by=self.request.user,
            values=form.model_values(),
            goals_in_focus=form.cleaned_data["goals_in_focus"],
        )
        if changes:
            messages.success(self.request, _("The conference has been saved."))
        else:
            messages.info(self.request, _("Nothing was changed."))
        return redirect("conference_edit", slug=form.cleaned_data["slug"])


class RoomListView(ConferenceScopedMixin, CreateView):
    """The conference's rooms, with a form to add one."""

    form_class = RoomForm
    template_name = "conferences/adviser/room_list.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "conference": self.conference}

    def get_context_data(self, **kwargs):
        return super().get_context_data(rooms=rooms_for(self.conference), **kwargs)

    def form_valid(self, form):
        room = save_room(
            Room(conference=self.conference), by=self.request.user, values=form.model_values()
        )
        messages.success(self.request, _("The room %(name)s has been added.") % {"name": room.name})
        return redirect("room_list", slug=self.conference.slug)


class RoomScopedMixin(ConferenceScopedMixin):
    def get_permission_object(self):
        conference = super().get_permission_object()
        self.room = get_object_or_404(rooms_for(conference), pk=self.kwargs["pk"])
        return conference

    def get_object(self, queryset=None):
        # The form edits a copy: the page keeps showing the saved room after a failed edit.
        return copy.copy(self.room)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "room": self.room}


class RoomUpdateView(RoomScopedMixin, UpdateView):
    form_class = RoomForm
    template_name = "conferences/adviser/room_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "conference": self.conference}

    def form_valid(self, form):
        save_room(self.object, by=self.request.user, values=form.model_values())
        messages.success(self.request, _("The room has been saved."))
        return redirect("room_list", slug=self.conference.slug)


class RoomDeleteView(RoomScopedMixin, DeleteView):
    view_permission = "conferences.change_conference"
    template_name = "conferences/adviser/room_confirm_delete.html"

    def get_form(self, form_class=None):
        return super(ScopedPermissionMixin, self).get_form(form_class)

    def form_valid(self, form):
        name = self.object.name
        delete_room(self.object, by=self.request.user)
        messages.success(self.request, _("The room %(name)s has been deleted.") % {"name": name})
        return redirect("room_list", slug=self.conference.slug)


class GoalCoverageView(ConferenceScopedMixin, TemplateView):
    """The nine hovedmål × the proposed and accepted items: which goals the programme serves.
    Advisers and the conference's partners see it."""

    change_permission = None
    template_name = "conferences/adviser/coverage.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(areas=goal_coverage(self.conference), **kwargs)


class PartnerListView(ConferenceScopedMixin, FormView):
    """The organisations taking part in the conference; advisers add and remove them."""

    form_class = AddPartnersForm
    template_name = "conferences/adviser/partner_list.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "candidates": organisations_not_partners(self.conference),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(partners=partners_for(self.conference), **kwargs)

    def form_valid(self, form):
        added = add_partners(
            self.conference, form.cleaned_data["organisations"], by=self.request.user
        )
        messages.success(
            self.request,
            ngettext(
                "%(count)d organisation has been added as a partner.",
                "%(count)d organisations have been added as partners.",
                added,
            )
            % {"count": added},
        )
        return redirect("partner_list", slug=self.conference.slug)


class PartnerRemoveView(ConferenceScopedMixin, TemplateView):
    view_permission = "conferences.change_conference"
    template_name = "conferences/adviser/partner_confirm_remove.html"

    def get_permission_object(self):
        conference = super().get_permission_object()
        self.partner = get_object_or_404(partners_for(conference), pk=self.kwargs["pk"])
        return conference

    def get_context_data(self, **kwargs):
        return super().get_context_data(partner=self.partner, **kwargs)

    def post(self, request, *args, **kwargs):
        name = self.partner.organisation.name
        remove_partner(self.partner, by=request.user)
        messages.success(
            request, _("%(name)s is no longer a partner of the conference.") % {"name": name}
        )
        return redirect("partner_list", slug=self.conference.slug)

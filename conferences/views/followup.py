"""The follow-up of a conference (issue 7): the advisers record the priorities agreed at the
conference and the commitments under them; the responsible organisations update each
commitment's status through the year, with a short note every time.

- ``followup``: the priorities with their goals, sessions and commitments. The conference's
  advisers change them, its partners read them, everyone else gets 404.
- ``priority_add`` / ``priority_edit`` / ``commitment_add`` / ``commitment_edit``: the advisers'
  forms (everyone else 404).
- ``commitment_detail``: one commitment with its status history, and the status form for those
  who may change it (conferences.change_commitment); anyone else's POST gets 403.
- ``my_commitments``: the commitments a person's organisations answer for, in every conference
  (the link in the reminder emails).

Every change goes through conferences.domain.followup; every queryset comes from
conferences.queries.followup.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from conferences.domain.followup import (
    FollowUpError,
    save_commitment,
    save_priority,
    set_commitment_state,
)
from conferences.enums import CommitmentState
from conferences.forms.followup import (
    ORGANISATION,
    CommitmentForm,
    PriorityForm,
    StatusForm,
    commitment_initial,
    priority_initial,
)
from conferences.models import Commitment, Priority
from conferences.queries.followup import (
    commitment_detail,
    commitment_in,
    commitments_answered_by,
    followup_priorities,
    goal_choices,
    network_choices,
    organisation_choices,
    partner_ids,
    priority_for,
    session_choices,
)
from conferences.rules import responsible_org_ids
from conferences.views.adviser import ConferenceScopedMixin
from moteplass.permissions import SAFE_METHODS
from partners.roles import capabilities


def followup_url(conference, anchor: str = "") -> str:
    url = reverse("followup", args=[conference.slug])
    return f"{url}#{anchor}" if anchor else url


def add_domain_error(form, error: FollowUpError, field: str | None) -> None:
    form.add_error(field if field in form.fields else None, error.message)


# --- the conference's follow-up page -------------------------------------------------------------


class FollowUpView(ConferenceScopedMixin, TemplateView):
    """The priorities in order with their commitments. Advisers get the links to record and
    change them; the conference's partners read."""

    view_permission = "conferences.view_followup"
    change_permission = "conferences.manage_followup"
    template_name = "conferences/followup/followup.html"

    def get_context_data(self, **kwargs):
        priorities = list(followup_priorities(self.conference, self.request.user))
        commitments = [c for priority in priorities for c in priority.commitments.all()]
        return super().get_context_data(
            priorities=priorities,
            can_manage=self.can_change,
            commitment_count=len(commitments),
            open_count=sum(1 for c in commitments if c.is_open),
            overdue_count=sum(1 for c in commitments if c.overdue),
            **kwargs,
        )


class AdviserFollowUpMixin(ConferenceScopedMixin):
    """The advisers' forms: everyone else gets 404."""

    view_permission = "conferences.manage_followup"
    change_permission = "conferences.manage_followup"


# --- priorities ----------------------------------------------------------------------------------


class PriorityFormView(AdviserFollowUpMixin, TemplateView):
    """Record a priority (no ``pk``) or change one."""

    template_name = "conferences/followup/priority_form.html"

    def get_permission_object(self):
        conference = super().get_permission_object()
        self.priority = None
        if "pk" in self.kwargs:
            self.priority = priority_for(conference, self.kwargs["pk"])
            if self.priority is None:
                raise Http404
        return conference

    def get_form(self) -> PriorityForm:
        data = self.request.POST if self.request.method == "POST" else None
        linked = [s.pk for s in self.priority.sessions.all()] if self.priority else []
        return PriorityForm(
            data,
            goals=goal_choices(self.conference),
            sessions=session_choices(self.conference, also=linked),
            initial=priority_initial(self.priority) if self.priority else None,
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(priority=self.priority, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            creating = self.priority is None
            try:
                priority, changes = save_priority(
                    self.priority or Priority(conference=self.conference),
                    by=request.user,
                    values=form.values(),
                    goals=form.cleaned_data["goals"],
                    sessions=form.cleaned_data["sessions"],
                )
            except FollowUpError as error:
                add_domain_error(form, error, error.field)
            else:
                if creating:
                    messages.success(request, _("The priority has been recorded."))
                elif changes:
                    messages.success(request, _("The priority has been saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect(followup_url(self.conference, f"priority-{priority.pk}"))
        return self.render_to_response(self.get_context_data(form=form))


# --- commitments ---------------------------------------------------------------------------------


class CommitmentFormView(AdviserFollowUpMixin, TemplateView):
    """Record a commitment under a priority (``priority_pk``) or change one (``pk``)."""

    template_name = "conferences/followup/commitment_form.html"
    creating = False

    def get_permission_object(self):
        conference = super().get_permission_object()
        if self.creating:
            self.commitment = None
            self.priority = priority_for(conference, self.kwargs["pk"])
            if self.priority is None:
                raise Http404
        else:
            self.commitment = commitment_in(conference, self.kwargs["pk"])
            if self.commitment is None:
                raise Http404
            self.priority = self.commitment.priority
        return conference

    def get_form(self) -> CommitmentForm:
        data = self.request.POST if self.request.method == "POST" else None
        if self.commitment is not None:
            initial = commitment_initial(self.commitment)
        else:
            initial = {"responsible_kind": ORGANISATION}
        return CommitmentForm(
            data,
            organisations=organisation_choices(),
            partner_ids=partner_ids(self.conference),
            networks=network_choices(),
            initial=initial,
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(
            priority=self.priority, commitment=self.commitment, **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                commitment, changes = save_commitment(
                    self.commitment or Commitment(priority=self.priority),
                    by=request.user,
                    values=form.values(),
                    contributors=form.cleaned_data["contributors"],
                )
            except FollowUpError as error:
                add_domain_error(form, error, form.error_field(error.field))
            else:
                if self.creating:
                    messages.success(request, _("The commitment has been recorded."))
                elif changes:
                    messages.success(request, _("The commitment has been saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect(followup_url(self.conference, f"commitment-{commitment.pk}"))
        return self.render_to_response(self.get_context_data(form=form))


# --- one commitment and its status ---------------------------------------------------------------


class CommitmentDetailView(TemplateView):
    """A commitment with its status history. Seen by conferences.view_commitment (the public too
    once the conference's report is published); the status form is for
    conferences.change_commitment, and anyone else's POST answers 403 and changes nothing."""

    template_name = "conferences/followup/commitment_detail.html"
    forbidden_template = "conferences/followup/forbidden.html"

    def load(self) -> Commitment | None:
        return commitment_detail(self.kwargs["slug"], self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        self.commitment = self.load()
        user = request.user
        may_view = self.commitment is not None and user.has_perm(
            "conferences.view_commitment", self.commitment
        )
        if not user.is_authenticated and (not may_view or request.method not in SAFE_METHODS):
            return redirect_to_login(request.get_full_path())
        if not may_view:
            raise Http404
        self.can_change = user.has_perm("conferences.change_commitment", self.commitment)
        if request.method not in SAFE_METHODS and not self.can_change:
            return render(
                request,
                self.forbidden_template,
                {"commitment_url": request.path},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def status_form(self, data=None) -> StatusForm | None:
        if not self.can_change:
            return None
        state = self.commitment.state
        return StatusForm(data, initial={"state": state, "seen": state})

    def get_context_data(self, **kwargs):
        commitment = self.commitment
        conference = commitment.conference
        user = self.request.user
        kwargs.setdefault("form", self.status_form())
        can_view_followup = user.has_perm("conferences.view_followup", conference)
        answers_for = bool(capabilities(user).member_org_ids & responsible_org_ids(commitment))
        return super().get_context_data(
            commitment=commitment,
            priority=commitment.priority,
            conference=conference,
            goals=list(commitment.priority.goals.all()),
            contributors=list(commitment.contributors.all()),
            updates=list(commitment.updates.all()),
            can_change=self.can_change,
            can_view_followup=can_view_followup,
            answers_for=answers_for,
            # the names of the people behind each update: for those who work with the follow-up
            show_people=can_view_followup or self.can_change,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.status_form(request.POST)
        if form.is_valid():
            state = form.cleaned_data["state"]
            previous = self.commitment.state
            try:
                set_commitment_state(
                    self.commitment,
                    state,
                    by=request.user,
                    note=form.cleaned_data["note"],
                    seen=form.cleaned_data["seen"] or None,
                )
            except FollowUpError as error:
                add_domain_error(form, error, error.field)
                # show the status and history as they are now; a retry is checked against them
                self.commitment = self.load()
                if self.commitment is None:  # deleted meanwhile
                    raise Http404 from error
                form.data = form.data.copy()
                form.data["seen"] = self.commitment.state
            else:
                label = CommitmentState(state).label
                if state == previous:
                    message = _("Your note has been added. The status is still “%(state)s”.")
                else:
                    message = _("The status has been changed to “%(state)s”.")
                messages.success(request, message % {"state": label})
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


# --- a partner's commitments ---------------------------------------------------------------------


class MyCommitmentsView(LoginRequiredMixin, TemplateView):
    """The commitments the person's organisations answer for, by conference, open ones first:
    where a partner lands from a reminder to update the status."""

    template_name = "conferences/followup/my_commitments.html"

    def get_context_data(self, **kwargs):
        groups: list[dict] = []
        for commitment in commitments_answered_by(self.request.user):
            conference = commitment.priority.conference
            if not groups or groups[-1]["conference"].pk != conference.pk:
                groups.append({"conference": conference, "commitments": [], "open": 0})
            groups[-1]["commitments"].append(commitment)
            groups[-1]["open"] += commitment.is_open
        commitments = [c for group in groups for c in group["commitments"]]
        return super().get_context_data(
            groups=groups,
            open_count=sum(1 for c in commitments if c.is_open),
            overdue_count=sum(1 for c in commitments if c.overdue),
            **kwargs,
        )

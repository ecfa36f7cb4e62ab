"""The partner area: a conference's partners propose programme items and co-edit them.

Partners see their own organisations' (and co-owned) proposals only; everything else is a 404
(``conferences.queries.proposals`` scopes every queryset). Content is written by
``conferences.domain.proposals``, states by ``conferences.domain.sessions.set_session_state``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from conferences.domain.proposals import (
    ChangeRequestError,
    add_comment,
    content_of,
    create_proposal,
    edit_proposal,
    field_label,
    in_order,
    readable,
    set_change_request_state,
)
from conferences.domain.sessions import (
    NEW_SUBMISSION_FROM,
    TRANSITIONS,
    CallClosed,
    InvalidSessionTransition,
    set_session_state,
)
from conferences.enums import ChangeRequestState, SessionState
from conferences.forms.proposals import (
    CommentForm,
    ProposalForm,
    StateForm,
    all_formats,
    partner_formats,
)
from conferences.queries import conference_with_plan
from conferences.queries.proposals import (
    comments_for,
    open_change_request,
    owner_choices,
    partner_conferences,
    partner_dashboard,
    partner_organisations,
    plan_goals,
    proposal_for,
    visible_proposals,
)
from conferences.rules import is_conference_adviser
from conferences.views.display import goal_groups, proposal_history, shown
from moteplass.permissions import ScopedPermissionMixin
from partners.queries import network_choices
from partners.roles import capabilities

S = SessionState


# Helpers ---------------------------------------------------------------------------------------


def add_errors(form, error: ValidationError) -> None:
    """A domain ValidationError on the form: on its field when the form has one, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@dataclass
class Difference:
    label: str
    current: object
    proposed: object


def change_request_rows(session, change_request) -> list[Difference]:
    """The open change request side by side with the item as it is now."""
    current = content_of(session)
    proposed = change_request.proposed
    ids = {pk for side in (current, proposed) for pk in side.get("co_owners") or []}
    names = {organisation.pk: organisation.name for organisation in session.co_owners.all()}
    if ids - names.keys():
        names = None  # readable() looks them up with one query
    goals = {}
    if "goals" in proposed:
        goals = {goal.code: f"{goal.code} {goal.title}" for goal in plan_goals(session.conference)}
    now = readable({name: current.get(name) for name in proposed}, names)
    then = readable(proposed, names)
    return [
        Difference(
            label=field_label(name),
            current=shown(name, now.get(name), goals),
            proposed=shown(name, then.get(name), goals),
        )
        for name in in_order(proposed)
    ]


@dataclass
class Action:
    """A button on the proposal's page that posts to ``proposal_state``."""

    name: str  # the posted field: "state" or "change_request"
    value: str
    label: str
    variant: str = "secondary"
    help: str = ""


def may_submit_new(session, conference, adviser: bool) -> bool:
    return adviser or session.state not in NEW_SUBMISSION_FROM or conference.call_is_open()


def state_actions(session, conference, user) -> list[Action]:
    """The moves ``user`` may make on ``session`` now: submit, back to draft, withdraw."""
    adviser = is_conference_adviser(user, conference)
    allowed = TRANSITIONS[session.state]
    actions = []
    if S.SUBMITTED in allowed and may_submit_new(session, conference, adviser):
        label = _("Submit the proposal") if session.state == S.DRAFT else _("Submit again")
        actions.append(
            Action("state", S.SUBMITTED, label, "primary", _("The advisers will review it."))
        )
    if S.DRAFT in allowed:
        if session.state == S.SUBMITTED:
            help_text = _("Take the proposal back to change it before the advisers review it.")
        else:
            help_text = _("Make the withdrawn proposal a draft again.")
        actions.append(Action("state", S.DRAFT, _("Back to draft"), "secondary", help_text))
    if S.WITHDRAWN in allowed and (
        adviser or session.state != S.ACCEPTED or not conference.changes_locked()
    ):
        actions.append(
            Action(
                "state",
                S.WITHDRAWN,
                _("Withdraw the proposal"),
                "tertiary",
                _("The proposal is no longer on offer. You can make it a draft again later."),
            )
        )
    return actions


def call_state(conference, now=None) -> str:
    """Where the call for programme items stands: unset, not_yet, open or closed."""
    now = now or timezone.now()
    if conference.call_opens is None:
        return "unset"
    if conference.call_is_open(now):
        return "open"
    return "not_yet" if now < conference.call_opens else "closed"


def safe_next(request) -> str | None:
    """The posted ``next`` if it is a path on this site. Only a path: anything else (``0``,
    ``home``) would be taken for a view's name by ``redirect()``."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


# Views -----------------------------------------------------------------------------------------


class PartnerHomeView(LoginRequiredMixin, ListView):
    """Every logged-in person: the conferences in which one of their organisations is a partner."""

    template_name = "conferences/partner/home.html"
    context_object_name = "conferences"

    def get_queryset(self):
        conferences = list(partner_conferences(self.request.user))
        now = timezone.now()
        for conference in conferences:
            conference.call_state = call_state(conference, now)
        return conferences


class PartnerAreaMixin(ScopedPermissionMixin):
    """Pages below a conference's partner area: the conference is the permission object."""

    view_permission = "conferences.view_partner_area"
    change_permission = None

    def get_conference(self):
        self.conference = get_object_or_404(conference_with_plan(), slug=self.kwargs["slug"])
        self.is_adviser = is_conference_adviser(self.request.user, self.conference)
        return self.conference

    def get_permission_object(self):
        return self.get_conference()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conference=self.conference, is_adviser=self.is_adviser, **kwargs
        )


class PartnerDashboardView(PartnerAreaMixin, TemplateView):
    """The conference's call, the partner's proposals, what needs their action, recent comments
    and the draft programme when the advisers share it."""

    template_name = "conferences/partner/dashboard.html"

    def get_context_data(self, **kwargs):
        conference = self.conference
        return super().get_context_data(
            dashboard=partner_dashboard(conference, self.request.user),
            call_state=call_state(conference),
            changes_locked=conference.changes_locked(),
            may_propose=self.is_adviser or conference.call_is_open(),
            **kwargs,
        )


class ProposalFormMixin:
    template_name = "conferences/partner/proposal_form.html"

    def form_kwargs(self, *, members=(), **kwargs):
        """``members``: the organisations whose networks the network choice lists first."""
        conference = self.conference
        data = self.request.POST if self.request.method == "POST" else None
        return {
            "data": data,
            "goals": plan_goals(conference),
            "partners": partner_organisations(conference),
            "networks": network_choices(members),
            **kwargs,
        }

    def render_form(self, form, **kwargs):
        return self.render_to_response(self.get_context_data(form=form, **kwargs))


class ProposalCreateView(ProposalFormMixin, PartnerAreaMixin, TemplateView):
    """A new proposal. While the call is closed, partners see why and cannot save; the
    conference's advisers may always propose, on behalf of any partner organisation."""

    view_permission = "conferences.add_proposal"

    def call_closed(self) -> bool:
        return not self.is_adviser and not self.conference.call_is_open()

    def get_form(self):
        formats = all_formats() if self.is_adviser else partner_formats()
        # a partner's own organisations' networks first; an adviser proposes for anyone
        members = () if self.is_adviser else capabilities(self.request.user).member_org_ids
        return ProposalForm(
            **self.form_kwargs(
                owners=owner_choices(self.conference, self.request.user), members=members
            ),
            formats=formats,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            call_closed=self.call_closed(),
            call_state=call_state(self.conference),
            creating=True,
            may_submit=not self.call_closed(),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if self.call_closed():
            form.disable()
        return self.render_form(form)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if self.call_closed():
            form.is_valid()
            form.add_error(None, CallClosed(S.DRAFT, S.SUBMITTED).message)
            return self.render_form(form)
        if not form.is_valid():
            return self.render_form(form)
        submit = "submit" in request.POST
        try:
            with transaction.atomic():
                session, created = create_proposal(
                    conference=self.conference,
                    owner=form.cleaned_data["owner"],
                    by=request.user,
                    content=form.content(),
                    key=form.cleaned_data.get("key"),
                )
                if created and submit:
                    set_session_state(session, S.SUBMITTED, by=request.user)
        except InvalidSessionTransition as error:
            form.add_error(None, error.message)
            return self.render_form(form)
        except ValidationError as error:
            add_errors(form, error)
            return self.render_form(form)
        if not created:
            messages.info(
                request,
                _(
                    "This proposal had already been saved (the form was sent twice). Nothing more "
                    "was changed."
                ),
            )
        elif submit:
            messages.success(
                request, _("The proposal has been submitted. The advisers will review it.")
            )
        else:
            messages.success(
                request,
                _("The proposal has been saved as a draft. Submit it when it is ready."),
            )
        return redirect("proposal_detail", slug=self.conference.slug, pk=session.pk)


class ProposalScopedMixin(PartnerAreaMixin):
    """Pages of one proposal: 404 unless the person's organisation owns or co-owns it (or they
    advise the conference)."""

    view_permission = "conferences.view_proposal"
    change_permission = "conferences.change_proposal"

    def get_permission_object(self):
        conference = self.get_conference()
        self.proposal = proposal_for(conference, self.request.user, self.kwargs["pk"])
        # one conference instance: the rules' cached partner list serves the whole request
        self.proposal.conference = conference
        return self.proposal

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.proposal, **kwargs)

    def detail_url(self) -> str:
        return reverse("proposal_detail", args=[self.conference.slug, self.proposal.pk])


class ProposalDetailView(ProposalScopedMixin, TemplateView):
    """One proposal: its content, state, open change request, comments and history, with the
    moves the person may make."""

    template_name = "conferences/partner/proposal_detail.html"

    def get_context_data(self, **kwargs):
        session = self.proposal
        user = self.request.user
        change_request = open_change_request(session)
        return super().get_context_data(
            goal_groups=goal_groups(session.goals.all()),
            comments=list(comments_for(session, user)),
            comment_form=CommentForm(),
            change_request=change_request,
            change_rows=change_request_rows(session, change_request) if change_request else [],
            actions=state_actions(session, self.conference, user),
            history=proposal_history(session),
            changes_locked=self.conference.changes_locked(),
            **kwargs,
        )


class ProposalEditView(ProposalFormMixin, ProposalScopedMixin, TemplateView):
    """Edit a proposal. Drafts and items under review change at once; a partner's change to the
    reviewed content of an accepted item becomes a change request for the advisers. Read-only
    when the person may not change it (declined, withdrawn, or accepted after the lock date)."""

    def setup_form(self):
        session = self.proposal
        initial = content_of(session)
        self.change_request = None
        if session.state == S.ACCEPTED and not self.is_adviser:
            # show the change the partner is waiting for, so saving again keeps it
            self.change_request = open_change_request(session)
            if self.change_request is not None:
                initial.update(self.change_request.proposed)
        initial["owner"] = session.owner_id
        speakers = initial.pop("speakers")
        formats = all_formats() if self.is_adviser else partner_formats(session.format)
        return ProposalForm(
            **self.form_kwargs(initial=initial, speakers=speakers, members=[session.owner_id]),
            formats=formats,
        )

    def may_submit(self) -> bool:
        session = self.proposal
        return self.can_change and (
            session.state == S.CHANGES_REQUESTED
            or (
                session.state == S.DRAFT
                and may_submit_new(session, self.conference, self.is_adviser)
            )
        )

    def get_context_data(self, **kwargs):
        session = self.proposal
        reviewed_by_advisers = session.state == S.ACCEPTED and not self.is_adviser
        return super().get_context_data(
            may_submit=self.may_submit(),
            reviewed_by_advisers=reviewed_by_advisers,
            changes_locked=self.conference.changes_locked(),
            pending_change_request=self.change_request,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        form = self.setup_form()
        if not self.can_change:
            form.disable()
        return self.render_form(form)

    def post(self, request, *args, **kwargs):
        form = self.setup_form()
        if not form.is_valid():
            return self.render_form(form)
        wants_submit = "submit" in request.POST
        submit = wants_submit and self.may_submit()
        try:
            with transaction.atomic():
                result = edit_proposal(self.proposal, by=request.user, content=form.content())
                if submit:
                    set_session_state(self.proposal, S.SUBMITTED, by=request.user)
        except (ChangeRequestError, InvalidSessionTransition) as error:
            form.add_error(None, error.message)
            return self.render_form(form)
        except ValidationError as error:
            add_errors(form, error)
            return self.render_form(form)
        if result.change_request is not None:
            labels = ", ".join(
                field_label(name) for name in in_order(result.change_request.proposed)
            )
            messages.success(
                request,
                _(
                    "Your change to %(fields)s has been sent to the advisers for approval. The "
                    "programme item stays as it is until they decide."
                )
                % {"fields": labels},
            )
            if result.applied:
                messages.success(request, _("Your other changes have been saved."))
        elif submit:
            messages.success(
                request,
                _("The proposal has been saved and submitted. The advisers will review it."),
            )
        elif result.applied:
            messages.success(request, _("The proposal has been saved."))
        elif wants_submit and self.proposal.state == S.SUBMITTED:
            # a double click on "Save and submit": the first click did it all
            messages.info(request, InvalidSessionTransition(S.SUBMITTED, S.SUBMITTED).message)
        elif self.proposal.state == S.ACCEPTED and not self.is_adviser:
            messages.info(
                request, _("Nothing was changed. No change request is waiting for the advisers.")
            )
        else:
            messages.info(request, _("Nothing was changed."))
        return self.redirect_after_save()

    def redirect_after_save(self):
        # A co-owner who took their own organisation off the proposal no longer reaches it.
        still_visible = (
            visible_proposals(self.conference, self.request.user)
            .filter(pk=self.proposal.pk)
            .exists()
        )
        if still_visible:
            return redirect(self.detail_url())
        return redirect("partner_dashboard", slug=self.conference.slug)


class ProposalStateView(ProposalScopedMixin, TemplateView):
    """POST only: submit, withdraw or take back to draft (``state``), or withdraw the open change
    request (``change_request=withdrawn``). The state machine decides what is allowed."""

    http_method_names = ["post"]
    change_permission = None

    def post(self, request, *args, **kwargs):
        form = StateForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose what to do with the proposal."))
            return redirect(self.detail_url())
        if form.cleaned_data["change_request"]:
            self.withdraw_change_request()
        else:
            self.move(form.cleaned_data["state"])
        return redirect(self.detail_url())

    def move(self, wanted: str) -> None:
        request, session = self.request, self.proposal
        label = str(SessionState(wanted).label).lower()
        if session.state == wanted:
            if wanted == S.SUBMITTED:
                message = InvalidSessionTransition(wanted, wanted).message
            else:
                message = _("Nothing was changed: the proposal is already %(state)s.") % {
                    "state": label
                }
            messages.info(request, message)
            return
        if (
            wanted == S.WITHDRAWN
            and session.state == S.ACCEPTED
            and not self.is_adviser
            and self.conference.changes_locked()
        ):
            messages.error(
                request,
                _("Changes to accepted programme items are locked. Contact the advisers."),
            )
            return
        try:
            set_session_state(session, wanted, by=request.user)
        except InvalidSessionTransition as error:
            messages.error(request, error.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            notices = {
                S.SUBMITTED: _("The proposal has been submitted. The advisers will review it."),
                S.WITHDRAWN: _("The proposal has been withdrawn."),
                S.DRAFT: _("The proposal is a draft again. Submit it when it is ready."),
            }
            messages.success(request, notices[wanted])

    def withdraw_change_request(self) -> None:
        request = self.request
        change_request = open_change_request(self.proposal)
        if change_request is None:
            messages.info(
                request,
                _("No change request is waiting: the advisers may already have decided on it."),
            )
            return
        try:
            set_change_request_state(change_request, ChangeRequestState.WITHDRAWN, by=request.user)
        except ChangeRequestError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your change request has been withdrawn. The programme item stays as it is."),
            )


class ProposalCommentView(ProposalScopedMixin, TemplateView):
    """POST only: a comment on the proposal. Only the conference's advisers write internal
    notes. Goes back to the page the form was on (e.g. the advisers' review page)."""

    http_method_names = ["post"]
    change_permission = "conferences.comment_proposal"

    def post(self, request, *args, **kwargs):
        form = CommentForm(request.POST)
        target = safe_next(request) or self.detail_url()
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(target)
        internal = form.cleaned_data["internal"] and self.is_adviser
        try:
            add_comment(
                self.proposal, by=request.user, text=form.cleaned_data["text"], internal=internal
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if internal:
                messages.success(request, _("The internal note has been saved."))
            else:
                messages.success(request, _("The comment has been saved."))
        return redirect(target)

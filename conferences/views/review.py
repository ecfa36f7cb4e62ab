"""The advisers' review of a conference's proposals: the overview, the filtered list, one
proposal with its comments, decision and history, and the side-by-side view of a change request.

Only the conference's advisers reach these pages (``conferences.review_proposal``); everybody else
gets 404. Decisions go through the one transition function of each lifecycle
(``set_session_state``, ``set_change_request_state``), which record them and tell the owning
partners through the outbox.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from conferences.domain.proposals import (
    ChangeRequestError,
    content_of,
    field_label,
    in_order,
    set_change_request_state,
    speaker_line,
)
from conferences.domain.sessions import InvalidSessionTransition, set_session_state
from conferences.enums import ChangeRequestState, SessionState
from conferences.forms.review import (
    ChangeRequestDecisionForm,
    DecisionForm,
    ReviewCommentForm,
    ReviewFilterForm,
)
from conferences.models import ChangeRequest, Session
from conferences.queries.proposals import comments_for, open_change_request, proposal_for
from conferences.queries.review import (
    change_request_for,
    review_filter_choices,
    review_overview,
    review_proposals,
)
from conferences.views.adviser import ConferenceScopedMixin
from conferences.views.display import goal_groups, proposal_history, shown
from partners.models import Organisation
from telemarksplanen.models import Goal

PAGE_SIZE = 50
TEXT_FIELDS = {"title", "abstract", "audience", "needs"}
LIST_FIELDS = {"goals", "speakers", "co_owners"}


def error_messages(error: ValidationError) -> list[str]:
    """The messages of a domain ValidationError, each field's prefixed with the field's name."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    result = []
    for name, errors in error.message_dict.items():
        try:
            label = field_label(name)
        except FieldDoesNotExist:
            label = None
        result += [f"{capfirst(label)}: {m}" if label else m for m in errors]
    return result


class ReviewMixin(ConferenceScopedMixin):
    view_permission = "conferences.review_proposal"
    change_permission = "conferences.review_proposal"


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class ReviewOverviewView(ReviewMixin, TemplateView):
    """The adviser dashboard of a conference: proposals per state, partners who have proposed
    nothing yet, proposals waiting for a decision and open change requests."""

    template_name = "conferences/review/overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=review_overview(self.conference, self.request.user), **kwargs
        )


class ReviewListView(ReviewMixin, TemplateView):
    """All proposals of the conference, filtered (GET) and paginated."""

    template_name = "conferences/review/list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        goals, organisations = review_filter_choices(self.conference, user)
        form = ReviewFilterForm(self.request.GET or None, goals=goals, organisations=organisations)
        filters = form.filters()
        proposals = review_proposals(self.conference, user, **filters)
        page = Paginator(proposals, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = query_without_page(self.request)
        return super().get_context_data(
            filter_form=form,
            page_obj=page,
            proposals=page.object_list,
            filtered=bool(query),
            query=query,
            **kwargs,
        )


class ReviewDetailView(ReviewMixin, TemplateView):
    """One proposal as the advisers review it; POST: a decision (accept, ask for changes,
    decline), told to the owning partners with the note."""

    template_name = "conferences/review/detail.html"

    def setup_proposal(self):
        self.proposal = proposal_for(self.conference, self.request.user, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.setup_proposal()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, decision_form=None, **kwargs):
        session = self.proposal
        user = self.request.user
        if decision_form is None:
            decision_form = DecisionForm(session=session)
        return super().get_context_data(
            proposal=session,
            goal_groups=goal_groups(session.goals.all()),
            comments=list(comments_for(session, user)),
            change_request=open_change_request(session),
            decision_form=decision_form,
            comment_form=ReviewCommentForm(),
            comment_url=reverse("proposal_comment", args=[self.conference.slug, session.pk]),
            history=proposal_history(session),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.setup_proposal()
        session = self.proposal
        form = DecisionForm(request.POST, session=session)
        if not form.is_valid():
            form.show_offered()
            return self.render_to_response(self.get_context_data(decision_form=form))
        wanted = form.cleaned_data["state"]
        label = str(SessionState(wanted).label)
        try:
            with transaction.atomic():
                # Lock the row and compare with what the adviser saw: a double click or a
                # decision on an item someone else has moved meanwhile changes nothing.
                current = Session.objects.select_for_update().only("state").get(pk=session.pk)
                if current.state == wanted:
                    messages.info(
                        request,
                        _("The proposal has already been decided: its state is «%(state)s».")
                        % {"state": label},
                    )
                    return redirect(request.path)
                if current.state != form.cleaned_data["seen_state"]:
                    messages.warning(
                        request,
                        _(
                            "The proposal was changed while you were deciding: its state is now "
                            "«%(state)s». Nothing was saved; check it and decide again."
                        )
                        % {"state": SessionState(current.state).label},
                    )
                    return redirect(request.path)
                set_session_state(
                    session, wanted, by=request.user, note=form.cleaned_data["note"].strip()
                )
        except InvalidSessionTransition as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The proposal's state is now «%(state)s». The owning partners are told by email.")
                % {"state": label},
            )
            return redirect(request.path)
        form.show_offered()
        return self.render_to_response(self.get_context_data(decision_form=form))


# The side-by-side view of a change request ---------------------------------------------------

TOKENS = re.compile(r"\s+|\S+")


def _marked(tag: str, text: str, hint: str) -> SafeString:
    html = escape(text).replace("\n", "<br>")
    return format_html(
        '<{tag}><span class="visually-hidden">{hint} </span>{text}</{tag}>',
        tag=tag,
        hint=hint,
        text=mark_safe(html),  # noqa: S308 - escaped on the line above
    )


def _plain(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """``old`` and ``new`` as HTML with the words that differ marked: removed words in <del> on
    the old side, added words in <ins> on the new side. Every piece of text is escaped."""
    before, after = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(before[i1:i2]), "".join(after[j1:j2])
        if operation == "equal":
            left.append(_plain(removed))
            right.append(_plain(added))
            continue
        if removed:
            left.append(_marked("del", removed, _("removed:")))
        if added:
            right.append(_marked("ins", added, _("added:")))
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - escaped pieces


@dataclass
class ListItem:
    text: str
    marked: bool = False


@dataclass
class DiffRow:
    name: str
    label: str
    kind: str  # text, list or value
    old: object
    new: object
    changed_since: bool = False
    when_asked: object = None


class Readable:
    """Turns content values into what people read: goals with their titles, speakers as lines,
    organisations by name, choices by label."""

    def __init__(self, conference, contents: list[dict]):
        codes = {code for content in contents for code in content.get("goals") or []}
        ids = {pk for content in contents for pk in content.get("co_owners") or []}
        self.goals = (
            {
                goal.code: f"{goal.code} {goal.title}"
                for goal in Goal.objects.filter(
                    focus_area__plan_id=conference.plan_id, code__in=codes
                )
            }
            if codes
            else {}
        )
        self.organisations = (
            dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
        )

    def items(self, name: str, value) -> list[str]:
        value = value or []
        if name == "goals":
            return [self.goals.get(code, code) for code in value]
        if name == "speakers":
            return [speaker_line(row) for row in value]
        return sorted(self.organisations.get(pk, str(pk)) for pk in value)

    def value(self, name: str, value) -> str:
        if name == "duration" and value is not None:
            return ngettext("%(minutes)s minute", "%(minutes)s minutes", value) % {"minutes": value}
        return str(shown(name, value))

    def text(self, name, value) -> str:
        if name in LIST_FIELDS:
            return ", ".join(self.items(name, value))
        if name in TEXT_FIELDS:
            return value or ""
        return self.value(name, value)


def diff_rows(names, old: dict, new: dict, readable: Readable, original: dict | None = None):
    """One row per field in ``names``: ``old`` and ``new`` side by side, the differences marked.
    With ``original``, a row whose ``old`` value differs from it says so and shows it."""
    rows = []
    for name in names:
        before, after = old.get(name), new.get(name)
        row = DiffRow(name=name, label=field_label(name), kind="value", old=None, new=None)
        if name in TEXT_FIELDS:
            row.kind = "text"
            row.old, row.new = word_diff(before or "", after or "")
        elif name in LIST_FIELDS:
            row.kind = "list"
            old_items, new_items = readable.items(name, before), readable.items(name, after)
            row.old = [ListItem(item, item not in new_items) for item in old_items]
            row.new = [ListItem(item, item not in old_items) for item in new_items]
        else:
            row.old, row.new = readable.value(name, before), readable.value(name, after)
        if original is not None and original.get(name) != before:
            row.changed_since = True
            row.when_asked = readable.text(name, original.get(name))
        rows.append(row)
    return rows


def version_of(change_request) -> str:
    """A short fingerprint of the proposed values: the adviser decides on what they saw."""
    data = json.dumps(change_request.proposed, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


class ChangeRequestView(ReviewMixin, TemplateView):
    """A change request side by side with the item as it is now; POST approves (the change
    applies at once) or rejects it. A decided request is shown read-only."""

    template_name = "conferences/review/change_request.html"

    def setup_request(self):
        self.change_request = change_request_for(
            self.conference, self.request.user, self.kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        self.setup_request()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, form=None, **kwargs):
        change_request = self.change_request
        session = change_request.session
        is_open = change_request.state == ChangeRequestState.OPEN
        names = in_order(change_request.proposed)
        if is_open:
            current = content_of(session)
            readable = Readable(
                self.conference, [current, change_request.proposed, change_request.original]
            )
            rows = diff_rows(
                names, current, change_request.proposed, readable, change_request.original
            )
            if form is None:
                form = ChangeRequestDecisionForm(initial={"version": version_of(change_request)})
        else:
            readable = Readable(self.conference, [change_request.original, change_request.proposed])
            rows = diff_rows(names, change_request.original, change_request.proposed, readable)
            form = None
        return super().get_context_data(
            change_request=change_request,
            proposal=session,
            is_open=is_open,
            rows=rows,
            changed_since=[row.label for row in rows if row.changed_since],
            form=form,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.setup_request()
        if self.change_request.state != ChangeRequestState.OPEN:
            messages.info(request, _("This change request has already been dealt with."))
            return redirect(request.path)
        form = ChangeRequestDecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        state = form.cleaned_data["state"]
        try:
            with transaction.atomic():
                # Lock the request and compare with what the adviser saw (see version_of).
                locked = ChangeRequest.objects.select_for_update().get(pk=self.change_request.pk)
                if locked.state == ChangeRequestState.OPEN and (
                    form.cleaned_data["version"] != version_of(locked)
                ):
                    messages.warning(
                        request,
                        _(
                            "The partner changed the request while you were looking at it. "
                            "Nothing was saved; check the changes again."
                        ),
                    )
                    return redirect(request.path)
                set_change_request_state(
                    locked, state, by=request.user, reason=form.cleaned_data["reason"].strip()
                )
        except ChangeRequestError as error:
            messages.info(request, str(error.message))
            return redirect(request.path)
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
            return self.render_to_response(self.get_context_data(form=form))
        if state == ChangeRequestState.APPROVED:
            messages.success(
                request,
                _("The change has been approved and applied. The owning partners are told."),
            )
        else:
            messages.success(
                request, _("The change has been rejected. The owning partners are told.")
            )
        return redirect(
            "review_detail", slug=self.conference.slug, pk=self.change_request.session_id
        )

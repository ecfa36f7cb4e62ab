"""The invitation list of a conference: figures, import, members of partners, drafts, a person's
page. Only the conference's advisers (conferences.manage_mail); everyone else gets 404."""

import dataclasses
import secrets

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import DetailView, FormView, ListView, TemplateView

from conferences.domain.invitations import (
    answer_url,
    create_invitations,
    draft_invitations,
    draft_reminders,
    invitation_language,
    invite_members,
)
from conferences.enums import MailRole, MessageState
from conferences.forms.invitations import (
    ConfirmCountForm,
    ImportConfirmForm,
    ImportUploadForm,
    InvitationFilterForm,
    MembersForm,
)
from conferences.imports import ImportSizeLimit, InviteeRow, read_invitees, too_large_error
from conferences.queries.invitations import (
    filtered_invitations,
    invitation_figures,
    invitations_for,
    invited_emails,
    invitees_without_invitation_count,
    messages_for_invitation,
    municipality_names,
    partner_organisations,
    reminder_count,
)
from conferences.views.adviser import ConferenceScopedMixin
from partners.enums import Language

PREVIEW_ROWS_SHOWN = 200


class InvitationsMixin(ConferenceScopedMixin):
    view_permission = "conferences.manage_mail"
    change_permission = "conferences.manage_mail"

    def list_url(self) -> str:
        return reverse("invitations", args=[self.conference.slug])


def added_message(count: int) -> str:
    if count == 0:
        return _("Nobody was added: everyone is already on the invitation list.")
    return ngettext(
        "%(count)s person has been added to the invitation list.",
        "%(count)s people have been added to the invitation list.",
        count,
    ) % {"count": count}


def list_rows(invitations) -> list:
    """The invitations with labels for the list: ``written_standard`` (the language they get
    mail in) and ``message_state_label`` (of their newest invitation message)."""
    rows = list(invitations)
    for invitation in rows:
        invitation.written_standard = Language(invitation_language(invitation)).label
        invitation.message_state_label = (
            MessageState(invitation.message_state).label
            if invitation.message_state
            else _("Not drafted yet")
        )
    return rows


def preview_rows(rows) -> list[dict]:
    """Clean import rows for the preview table, with the municipality's name and the label of
    the written standard."""
    names = municipality_names({row.municipality_id for row in rows if row.municipality_id})
    return [
        {
            **dataclasses.asdict(row),
            "municipality": names.get(row.municipality_id, ""),
            "language_label": Language(row.language).label if row.language else "",
        }
        for row in rows
    ]


class InvitationListView(InvitationsMixin, ListView):
    template_name = "conferences/invitations/list.html"
    context_object_name = "invitations"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = InvitationFilterForm(self.request.GET or None)
        self.filters = self.filter_form.filters()
        return filtered_invitations(self.conference, **self.filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            figures=invitation_figures(self.conference),
            filter_form=self.filter_form,
            query=urlencode(self.filters),
            rows=list_rows(context["page_obj"].object_list),
        )
        return context


@method_decorator(csrf_exempt, name="dispatch")  # checked in dispatch, after the size limit
class InvitationImportView(InvitationsMixin, TemplateView):
    """Upload → preview (nothing written) → confirm. The clean rows wait in the session under a
    one-time token, so a second or a forged confirmation imports nothing. A file over
    MAX_IMPORT_BYTES is not even kept while the request is read (ImportSizeLimit)."""

    template_name = "conferences/invitations/import.html"

    def dispatch(self, request, *args, **kwargs):
        # The upload handlers must be in place before anything reads the body, and the CSRF check
        # reads it: so the view is exempt from the middleware's check and makes it here instead.
        self.size_limit = ImportSizeLimit(request)
        request.upload_handlers.insert(0, self.size_limit)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    @property
    def session_key(self) -> str:
        return f"invitation_import:{self.conference.pk}"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ImportUploadForm())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm()
        return self.preview()

    def preview(self):
        self.request.session.pop(self.session_key, None)  # a new upload replaces the old one
        form = ImportUploadForm(self.request.POST, self.request.FILES)
        if self.size_limit.too_large:  # the file was not kept: say why, not "choose a file"
            form.is_valid()
            form.errors.pop("file", None)
            form.add_error("file", too_large_error())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        result = read_invitees(
            form.cleaned_data["file"], already_invited=invited_emails(self.conference)
        )
        file_errors = [problem.message for problem in result.errors if problem.row == 0]
        if file_errors:
            for message in file_errors:
                form.add_error("file", message)
            return self.render_to_response(self.get_context_data(form=form))
        token = None
        if result.is_clean and result.rows:
            token = secrets.token_urlsafe(24)
            self.request.session[self.session_key] = {
                "token": token,
                "rows": [dataclasses.asdict(row) for row in result.rows],
            }
        return self.render_to_response(
            self.get_context_data(
                result=result,
                file_name=form.cleaned_data["file"].name,
                shown_rows=preview_rows(result.rows[:PREVIEW_ROWS_SHOWN]),
                hidden_rows=max(0, len(result.rows) - PREVIEW_ROWS_SHOWN),
                confirm_form=ImportConfirmForm(initial={"token": token}) if token else None,
                # an adviser who fixes the file uploads it again right away
                form=ImportUploadForm() if not token else None,
            )
        )

    def confirm(self):
        form = ImportConfirmForm(self.request.POST)
        stored = self.request.session.get(self.session_key)
        if (
            not form.is_valid()
            or not stored
            or not constant_time_compare(stored["token"], form.cleaned_data["token"])
        ):
            messages.error(
                self.request,
                _(
                    "Nothing was imported: this preview has already been imported or is no "
                    "longer valid. Upload the file again to see a new preview."
                ),
            )
            return redirect("invitation_import", slug=self.conference.slug)
        del self.request.session[self.session_key]  # one confirmation per preview
        rows = [InviteeRow(**row) for row in stored["rows"]]
        try:
            created = create_invitations(self.conference, rows, by=self.request.user)
        except IntegrityError:  # the same people were added at this very moment
            messages.error(
                self.request,
                _(
                    "Nothing was imported: the invitation list changed while importing. Upload "
                    "the file again to see a new preview."
                ),
            )
            return redirect("invitation_import", slug=self.conference.slug)
        messages.success(self.request, added_message(len(created)))
        return redirect(self.list_url())


class InvitationMembersView(InvitationsMixin, FormView):
    template_name = "conferences/invitations/members.html"
    form_class = MembersForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": partner_organisations(self.conference),
        }

    def form_valid(self, form):
        created = invite_members(
            self.conference, form.cleaned_data["organisations"], by=self.request.user
        )
        messages.success(self.request, added_message(len(created)))
        return redirect(self.list_url())


class BulkDraftView(InvitationsMixin, TemplateView):
    """A confirmation page that states the exact number of people, then the draft action. If the
    number changed since the page was shown, nothing is drafted and the new number is shown."""

    template_name = "conferences/invitations/draft_confirm.html"
    role = ""

    def count(self) -> int:
        raise NotImplementedError

    def draft(self) -> int:
        raise NotImplementedError

    def done_message(self, count: int) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        count = kwargs.pop("count", None)
        if count is None:
            count = self.count()
        form = ConfirmCountForm(initial={"expected": count})
        return super().get_context_data(count=count, form=form, role=self.role, **kwargs)

    def post(self, request, *args, **kwargs):
        form = ConfirmCountForm(request.POST)
        count = self.count()
        if not form.is_valid() or form.cleaned_data["expected"] != count:
            return self.render_to_response(self.get_context_data(count=count, changed=True))
        if count == 0:
            messages.info(request, _("Nothing was drafted: there is nobody to write to."))
            return redirect(self.list_url())
        drafted = self.draft()
        messages.success(request, self.done_message(drafted))
        query = urlencode({"state": MessageState.DRAFT, "role": self.role})
        return redirect(reverse("outbox", args=[self.conference.slug]) + "?" + query)


class DraftInvitationsView(BulkDraftView):
    role = MailRole.INVITATION

    def count(self) -> int:
        return invitees_without_invitation_count(self.conference)

    def draft(self) -> int:
        return draft_invitations(self.conference, by=self.request.user)

    def done_message(self, count: int) -> str:
        return ngettext(
            "%(count)s invitation has been drafted. Review it here and send it.",
            "%(count)s invitations have been drafted. Review them here and send them.",
            count,
        ) % {"count": count}


class DraftRemindersView(BulkDraftView):
    role = MailRole.INVITATION_REMINDER

    def count(self) -> int:
        return reminder_count(self.conference)

    def draft(self) -> int:
        return draft_reminders(self.conference, by=self.request.user)

    def done_message(self, count: int) -> str:
        return ngettext(
            "%(count)s reminder has been drafted. Review it here and send it.",
            "%(count)s reminders have been drafted. Review them here and send them.",
            count,
        ) % {"count": count}


class InvitationDetailView(InvitationsMixin, DetailView):
    template_name = "conferences/invitations/detail.html"
    context_object_name = "invitation"

    def get_object(self, queryset=None):
        invitation = get_object_or_404(invitations_for(self.conference), pk=self.kwargs["pk"])
        invitation.conference = self.conference
        return invitation

    def get_context_data(self, **kwargs):
        invitation = self.object
        return super().get_context_data(
            answer_link=answer_url(invitation),
            written_standard=Language(invitation_language(invitation)).label,
            outbox_messages=messages_for_invitation(invitation),
            **kwargs,
        )

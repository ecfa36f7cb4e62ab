"""Mail templates and the outbox: only the conference's advisers (conferences.manage_mail)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView, TemplateView, UpdateView

from conferences.domain import mail as outbox
from conferences.enums import MailRole, MessageState
from conferences.forms.mail import (
    DraftForm,
    MailTemplateForm,
    OutboxFilterForm,
    PreviewForm,
    SendForm,
)
from conferences.models import Invitation
from conferences.placeholders import DESCRIPTIONS, allowed_for
from conferences.queries.mail import (
    drafts_for,
    invitations_for_preview,
    outbox_counts,
    outbox_for,
    recipients_count,
    templates_for,
)
from conferences.views.adviser import ConferenceScopedMixin
from moteplass.audit import history_for

PREVIEW_ROWS = 20


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class MailMixin(ConferenceScopedMixin):
    view_permission = "conferences.manage_mail"
    change_permission = "conferences.manage_mail"


class MailTemplateListView(MailMixin, ListView):
    template_name = "conferences/mail/template_list.html"
    context_object_name = "mail_templates"

    def get_queryset(self):
        return templates_for(self.conference)


class MailTemplateUpdateView(MailMixin, UpdateView):
    form_class = MailTemplateForm
    template_name = "conferences/mail/template_form.html"
    context_object_name = "mail_template"

    def get_object(self, queryset=None):
        if self.kwargs["role"] not in MailRole.values:
            raise Http404
        return get_object_or_404(templates_for(self.conference), role=self.kwargs["role"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        template = self.object
        invitations = invitations_for_preview(self.conference).order_by("last_name", "first_name")
        preview_form = PreviewForm(
            self.request.GET or {"language": "nb"}, invitations=invitations, prefix="preview"
        )
        if preview_form.is_valid():
            language = preview_form.cleaned_data["language"]
            values = outbox.example_values(
                self.conference, language, preview_form.cleaned_data["recipient"]
            )
            context["preview"] = dict(
                zip(
                    ("subject", "body"),
                    outbox.render_template(template, language=language, values=values),
                    strict=True,
                ),
                language=language,
            )
        context["preview_form"] = preview_form
        context["placeholders"] = [
            (name, DESCRIPTIONS[name]) for name in allowed_for(template.role)
        ]
        context["history"] = history_for(template)
        return context

    def form_valid(self, form):
        changes = outbox.update_mail_template(
            self.object, by=self.request.user, values=form.cleaned_data
        )
        if changes:
            messages.success(self.request, _("The mail template has been saved."))
        else:
            messages.info(self.request, _("Nothing was changed."))
        return redirect("mail_template_edit", slug=self.conference.slug, role=self.object.role)


class OutboxListView(MailMixin, TemplateView):
    template_name = "conferences/mail/outbox.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = OutboxFilterForm(self.request.GET or None)
        filters = filter_form.filters()
        page = Paginator(outbox_for(self.conference, **filters), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        drafts = drafts_for(self.conference, **{k: v for k, v in filters.items() if k != "state"})
        context.update(
            filter_form=filter_form,
            page_obj=page,
            counts=outbox_counts(self.conference),
            matching_drafts=drafts.count() if filters.get("state", "draft") == "draft" else 0,
            query=query_without_page(self.request),
            filters=filters,
        )
        return context


class OutboxSendView(MailMixin, TemplateView):
    """Send drafts: a selection or all matching a filter, after a confirmation that states the
    exact number of messages and recipients."""

    template_name = "conferences/mail/send_confirm.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        filter_form = OutboxFilterForm(request.POST)
        filters = {k: v for k, v in filter_form.filters().items() if k != "state"}
        all_drafts = drafts_for(self.conference, **filters)
        form = SendForm(request.POST, drafts=all_drafts)
        if not form.is_valid():
            for error in form.non_field_errors() or [_("Choose at least one draft to send.")]:
                messages.error(request, error)
            return redirect(reverse("outbox", args=[self.conference.slug]))
        chosen = (
            all_drafts
            if form.cleaned_data["everything"]
            else all_drafts.filter(pk__in=[message.pk for message in form.cleaned_data["message"]])
        )
        count = chosen.count()
        confirmed = form.cleaned_data["confirm"] and form.cleaned_data["expected"] == count
        if not confirmed:
            return render(
                request,
                self.template_name,
                self.get_context_data(
                    count=count,
                    recipients=recipients_count(chosen),
                    chosen=chosen.order_by("to_email")[:PREVIEW_ROWS],
                    remaining=max(0, count - PREVIEW_ROWS),
                    everything=form.cleaned_data["everything"],
                    selected=form.cleaned_data["message"],
                    filters=filters,
                    changed=form.cleaned_data["confirm"],
                ),
            )
        sent = outbox.send_drafts(chosen, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d message has been queued for sending.",
                "%(count)d messages have been queued for sending.",
                sent,
            )
            % {"count": sent},
        )
        return redirect(reverse("outbox", args=[self.conference.slug]))


class MessageScopedMixin(MailMixin):
    def get_permission_object(self):
        conference = super().get_permission_object()
        self.object = get_object_or_404(outbox_for(conference), pk=self.kwargs["pk"])
        return conference

    def get_object(self, queryset=None):
        return self.object


class OutboxMessageView(MessageScopedMixin, UpdateView):
    """One message: its text, state, attempts and errors; a draft can be edited."""

    form_class = DraftForm
    template_name = "conferences/mail/message.html"
    context_object_name = "message"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.object.state != MessageState.DRAFT:
            for field in form.fields.values():
                field.disabled = True
        return form

    def get_context_data(self, **kwargs):
        about = self.object.about if self.object.about_type_id else None
        return super().get_context_data(
            history=history_for(self.object),
            invitation=about if isinstance(about, Invitation) else None,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.object.state != MessageState.DRAFT:
            messages.error(request, _("Only drafts can be changed."))
            return redirect("outbox_message", slug=self.conference.slug, pk=self.object.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        outbox.update_draft(
            self.object,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            by=self.request.user,
        )
        messages.success(self.request, _("The draft has been saved."))
        return redirect("outbox_message", slug=self.conference.slug, pk=self.object.pk)


class OutboxDiscardView(MessageScopedMixin, DetailView):
    template_name = "conferences/mail/discard_confirm.html"
    context_object_name = "message"

    def get(self, request, *args, **kwargs):
        if self.object.state != MessageState.DRAFT:
            raise Http404
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.object.state != MessageState.DRAFT:
            raise Http404
        outbox.discard_draft(self.object, by=request.user)
        messages.success(request, _("The draft has been discarded."))
        return redirect("outbox", slug=self.conference.slug)

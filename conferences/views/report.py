"""The follow-up report: the public web page, its PDF in bokmål and nynorsk and its JSON export
for the county's archive; and the advisers' page to publish it and make its files.

Visibility (``conferences.view_report``): everyone once the report is published; before that the
conference's advisers only, who see a preview banner. Everyone else gets 404, also a visitor who
is not logged in (the report may exist without them knowing). The advisers' page and the file
status are for the conference's advisers only (``conferences.manage_followup``). Changes go
through conferences.domain.report; the pages read through conferences.queries.report.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from conferences.domain.followup import FollowUpError
from conferences.domain.report import publish_report, request_report_pdf, unpublish_report
from conferences.enums import ContentLanguage, FileState
from conferences.queries.report import (
    PDF_LANGUAGES,
    has_priorities,
    language_name,
    report_conference,
    report_file,
    report_files,
    report_for,
)
from conferences.queries.report_json import report_json
from conferences.views.adviser import ConferenceScopedMixin

# --- forms (used only here) ----------------------------------------------------------------------


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I have read the report, and it may be made public"),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


class UnpublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Take the report away from the public"),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


class MakeForm(forms.Form):
    language = forms.ChoiceField(
        choices=ContentLanguage.choices,
        error_messages={
            "required": gettext_lazy("Choose bokmål, nynorsk or English."),
            "invalid_choice": gettext_lazy("Choose bokmål, nynorsk or English."),
        },
    )


# --- the public report ---------------------------------------------------------------------------


def visible_conference(request, slug: str):
    """The conference whose report ``request.user`` may see, else 404."""
    conference = report_conference(slug)
    if conference is None or not request.user.has_perm("conferences.view_report", conference):
        raise Http404
    return conference


def file_rows(conference, files: dict) -> list[tuple[str, str, object]]:
    """(language, its name, its file row or None) for nb and nn, and en once asked for."""
    languages = [*PDF_LANGUAGES, *(["en"] if "en" in files else [])]
    return [(language, language_name(language), files.get(language)) for language in languages]


@require_safe
def followup_report(request, slug: str):
    conference = visible_conference(request, slug)
    report = report_for(conference)
    files = report_files(conference)
    return render(
        request,
        "conferences/report/page.html",
        {
            "conference": conference,
            "report": report,
            "summary": report.summary,
            "language": report.language,
            "pdfs": [
                (language, name)
                for language, name, row in file_rows(conference, files)
                if row is not None and row.state == FileState.DONE and row.file
            ],
            "can_manage": request.user.has_perm("conferences.manage_followup", conference),
        },
    )


@require_safe
def followup_report_pdf(request, slug: str, language: str):
    conference = visible_conference(request, slug)
    if language not in ContentLanguage.values:
        raise Http404
    row = report_file(conference, language)
    if row is None or row.state != FileState.DONE or not row.file:
        raise Http404(_("The PDF is not ready yet."))
    try:
        handle = row.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The PDF is not ready yet.")) from error
    response = FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"{conference.slug}-report-{language}.pdf",
    )
    if not conference.report_is_published:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def followup_report_json(request, slug: str):
    conference = visible_conference(request, slug)
    body = json.dumps(report_json(conference), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{conference.slug}-report-{stamp}.json"'
    )
    if not conference.report_is_published:
        response["Cache-Control"] = "private, no-store"
    return response


# --- the advisers' page --------------------------------------------------------------------------


class ReportMixin(ConferenceScopedMixin):
    """The conference's advisers only; everyone else gets 404."""

    view_permission = "conferences.manage_followup"
    change_permission = "conferences.manage_followup"


class ReportManageView(ReportMixin, TemplateView):
    """Publish or unpublish the report, make its PDFs again and follow their progress."""

    template_name = "conferences/report/manage.html"

    def get_context_data(self, **kwargs):
        conference = self.conference
        published = conference.report_is_published
        kwargs.setdefault("publish_form", None if published else PublishForm())
        kwargs.setdefault("unpublish_form", UnpublishForm() if published else None)
        files = report_files(conference)
        return super().get_context_data(
            recorded=has_priorities(conference),
            files=[
                (language, language_name(language), files.get(language))
                for language in ContentLanguage.values
            ],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        handler = {
            "publish": self.publish,
            "unpublish": self.unpublish,
            "make": self.make,
        }.get(action)
        if handler is None:
            messages.error(request, _("Nothing was changed."))
            return redirect("report_manage", slug=self.conference.slug)
        return handler(request)

    def refused(self, **forms_):
        return self.render_to_response(self.get_context_data(**forms_), status=400)

    def publish(self, request):
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                publish_report(self.conference, by=request.user)
            except FollowUpError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    _(
                        "The report has been published. The PDFs in bokmål and nynorsk are "
                        "being made; this page shows when they are ready."
                    ),
                )
                return redirect("report_manage", slug=self.conference.slug)
        return self.refused(publish_form=form)

    def unpublish(self, request):
        form = UnpublishForm(request.POST)
        if form.is_valid():
            try:
                unpublish_report(self.conference, by=request.user)
            except FollowUpError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("The report is no longer public."))
                return redirect("report_manage", slug=self.conference.slug)
        return self.refused(unpublish_form=form)

    def make(self, request):
        form = MakeForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["language"][0])
            return redirect("report_manage", slug=self.conference.slug)
        language = form.cleaned_data["language"]
        try:
            row = request_report_pdf(self.conference, language=language, by=request.user)
        except FollowUpError as refused:
            messages.error(request, refused.message)
        else:
            name = language_name(language)
            if row.state == FileState.RUNNING:
                messages.info(
                    request,
                    _("The PDF in %(language)s is being made right now.") % {"language": name},
                )
            else:
                messages.success(
                    request,
                    _("The PDF in %(language)s is being made. This page shows when it is ready.")
                    % {"language": name},
                )
        return redirect("report_manage", slug=self.conference.slug)


class ReportPdfStatusView(ReportMixin, View):
    """The state of one report PDF (polled by htmx while it is being made)."""

    def get(self, request, *args, **kwargs):
        language = kwargs["language"]
        if language not in ContentLanguage.values:
            raise Http404
        return render(
            request,
            "conferences/report/_status.html",
            {
                "conference": self.conference,
                "language": language,
                "language_name": language_name(language),
                "file": report_file(self.conference, language),
                "read_only": not self.can_change,
            },
        )

"""The advisers' schedule editor: time slots, placing items in rooms and slots (by form, by
keyboard or by drag and drop — all through the same form), conflicts, publishing numbered
versions and making the PDF programme of a version.

Every change goes through conferences.domain.schedule. With htmx the editor region is swapped in
place and a status message is announced; without JavaScript the forms post and redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from conferences.domain.schedule import (
    ConflictsNotConfirmed,
    ScheduleError,
    StaleEdit,
    add_slot,
    delete_slot,
    edit_token,
    latest_version,
    place_session,
    programme_changes,
    programme_snapshot,
    publish_programme,
    request_programme_pdf,
    time_span,
    unplace_session,
)
from conferences.enums import ContentLanguage, FileState
from conferences.forms.schedule import PdfForm, PlaceForm, PublishForm, SlotForm
from conferences.queries.core import rooms_for
from conferences.queries.schedule import (
    conflicts_among,
    programme_file,
    schedule_grid,
    scheduled_sessions,
    slots_for,
    version_for,
    versions_for,
)
from conferences.views.adviser import ConferenceScopedMixin
from conferences.views.programme_display import describe_changes, item_languages


class ScheduleMixin(ConferenceScopedMixin):
    """Only the conference's advisers; everyone else gets 404."""

    view_permission = "conferences.change_conference"
    change_permission = "conferences.change_conference"


def place_form(session, grid, data=None) -> PlaceForm:
    initial = {
        "slot": session.slot_id,
        "room": session.room_id,
        "duration": session.duration,
        "all_rooms": session.all_rooms,
        "expected_audience": session.expected_audience,
        "seen": edit_token(session),
    }
    if session.slot_id and session.start and session.start != session.slot.start:
        initial["start"] = timezone.localtime(session.start).time()  # the form shows local time
    return PlaceForm(
        data, prefix=f"s{session.pk}", initial=initial, slots=grid.slots, rooms=grid.rooms
    )


def editor_context(conference, *, failed: PlaceForm | None = None, failed_id=None, focus=None):
    grid = schedule_grid(conference)
    forms = {
        session.pk: failed if session.pk == failed_id else place_form(session, grid)
        for session in grid.sessions
    }
    for session in grid.sessions:
        session.place_form = forms[session.pk]
        session.conflicts = grid.conflicted.get(session.pk, [])
        session.seen = edit_token(session)
    return {"grid": grid, "focus": focus, "failed_id": failed_id}


class ScheduleView(ScheduleMixin, TemplateView):
    template_name = "conferences/schedule/editor.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **editor_context(self.conference),
            slot_form=SlotForm(conference=self.conference),
            **kwargs,
        )


class ScheduleChangeView(ScheduleMixin, View):
    """The POST views of the editor: they answer htmx with the editor region and an announced
    status message, and a plain form post with a redirect (or the page with the form's errors)."""

    def respond(self, *, status: str, error: bool = False, focus=None, failed=None, failed_id=None):
        request = self.request
        if request.htmx:
            context = {
                "conference": self.conference,
                **editor_context(self.conference, failed=failed, failed_id=failed_id, focus=focus),
                "status": status,
                "status_error": error,
                "oob": True,
            }
            return render(request, "conferences/schedule/_editor.html", context)
        if failed is not None:
            context = {
                "conference": self.conference,
                **editor_context(self.conference, failed=failed, failed_id=failed_id),
                "slot_form": SlotForm(conference=self.conference),
                "read_only": False,
            }
            messages.error(request, status)
            return render(request, "conferences/schedule/editor.html", context, status=400)
        (messages.error if error else messages.success)(request, status)
        url = reverse("schedule", args=[self.conference.slug])
        return redirect(f"{url}#{focus}" if focus else url)


class PlaceView(ScheduleChangeView):
    def post(self, request, *args, **kwargs):
        session = get_object_or_404(scheduled_sessions(self.conference), pk=kwargs["pk"])
        form = PlaceForm(
            request.POST,
            prefix=f"s{session.pk}",
            slots=list(slots_for(self.conference)),
            rooms=list(rooms_for(self.conference)),
        )
        focus = f"item-{session.pk}"
        if form.is_valid():
            data = form.cleaned_data
            try:
                place_session(
                    session,
                    room=data["room_obj"],
                    slot=data["slot_obj"],
                    start=data["start_at"],
                    duration=data["duration"],
                    all_rooms=data["all_rooms"],
                    expected_audience=data["expected_audience"],
                    seen=data["seen"] or None,
                    by=request.user,
                )
            except StaleEdit as stale:
                return self.respond(status=str(stale.message), error=True, focus=focus)
            except ScheduleError as refused:
                form.add_error(
                    refused.field if refused.field in form.fields else None, refused.message
                )
            else:
                placed = scheduled_sessions(self.conference).get(pk=session.pk)
                return self.respond(status=placed_message(placed), focus=focus)
        return self.respond(
            status=_("“%(title)s” was not moved: see the form.") % {"title": session.title},
            error=True,
            failed=form,
            failed_id=session.pk,
            focus=f"s{session.pk}-error-summary",
        )


def placed_message(session) -> str:
    return _("“%(title)s” is now in %(room)s, %(when)s.") % {
        "title": session.title,
        "room": _("all rooms") if session.all_rooms else session.room.name,
        "when": time_span(session.start, session.end),
    }


class UnplaceView(ScheduleChangeView):
    def post(self, request, *args, **kwargs):
        session = get_object_or_404(scheduled_sessions(self.conference), pk=kwargs["pk"])
        try:
            unplace_session(session, seen=request.POST.get("seen") or None, by=request.user)
        except ScheduleError as refused:
            return self.respond(status=str(refused.message), error=True, focus=f"item-{session.pk}")
        return self.respond(
            status=_("“%(title)s” has been taken out of the timetable.") % {"title": session.title},
            focus=f"item-{session.pk}",
        )


class SlotAddView(ScheduleMixin, TemplateView):
    """Adds a time slot (POST only); with errors, the editor page is shown with the form."""

    template_name = "conferences/schedule/editor.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = SlotForm(request.POST, conference=self.conference)
        if form.is_valid():
            data = form.cleaned_data
            try:
                add_slot(
                    self.conference,
                    day=data["day"],
                    start=data["start"],
                    end=data["end"],
                    by=request.user,
                )
            except ScheduleError as refused:
                form.add_error(
                    refused.field if refused.field in form.fields else None, refused.message
                )
            else:
                messages.success(request, _("The time slot has been added."))
                return redirect(reverse("schedule", args=[self.conference.slug]) + "#slots")
        context = self.get_context_data(**editor_context(self.conference))
        context["slot_form"] = form
        return self.render_to_response(context, status=400)


class SlotDeleteView(ScheduleMixin, View):
    def post(self, request, *args, **kwargs):
        slot = get_object_or_404(slots_for(self.conference), pk=kwargs["pk"])
        try:
            delete_slot(slot, by=request.user)
        except ScheduleError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The time slot has been deleted."))
        return redirect(reverse("schedule", args=[self.conference.slug]) + "#slots")


class PublishView(ScheduleMixin, TemplateView):
    """What would be published (conflicts and changes since the last version), the form to
    publish, and the published versions with their PDF files."""

    template_name = "conferences/schedule/publish.html"

    def get_context_data(self, form=None, **kwargs):
        sessions = list(scheduled_sessions(self.conference))
        conflicts = conflicts_among(self.conference, sessions)
        previous = latest_version(self.conference)
        snapshot = programme_snapshot(self.conference, sessions)
        pending = programme_changes(previous.snapshot if previous else None, snapshot)
        return super().get_context_data(
            form=form or PublishForm(),
            conflicts=conflicts,
            pending=describe_changes(
                pending,
                item_languages([snapshot]),
                slug=self.conference.slug,
                current=set(),  # not published yet: no item pages to link to
            ),
            item_count=len(snapshot["items"]),
            unplaced_count=sum(1 for s in sessions if not (s.room_id and s.start)),
            previous=previous,
            versions=with_pdfs(versions_for(self.conference)),
            pdf_form=PdfForm(),
            languages=ContentLanguage.choices,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                version = publish_programme(
                    self.conference,
                    by=request.user,
                    note=form.cleaned_data["note"],
                    confirm_conflicts=form.cleaned_data["confirm_conflicts"],
                )
            except ConflictsNotConfirmed as refused:
                form.add_error("confirm_conflicts", refused.message)
            except ScheduleError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    _("Version %(number)s of the programme has been published.")
                    % {"number": version.number},
                )
                return redirect("schedule_publish", slug=self.conference.slug)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ProgrammeCsvView(ScheduleMixin, View):
    """The latest published version as CSV (semicolons, BOM, formulas neutralised) for advisers."""

    def get(self, request, *args, **kwargs):
        from conferences.exports import goal_labels, programme_csv

        version = latest_version(self.conference)
        if version is None:
            raise Http404(_("Nothing has been published yet."))
        plan_id = version.snapshot["conference"]["plan_id"]
        text = programme_csv(version.snapshot, goal_titles=goal_labels(plan_id).titles)
        response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
        name = f"{self.conference.slug}-programme-v{version.number}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PdfRequestView(ScheduleMixin, View):
    def post(self, request, *args, **kwargs):
        version = version_for(self.conference, kwargs["number"])
        if version is None:
            raise Http404
        form = PdfForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose bokmål, nynorsk or English."))
            return redirect("schedule_publish", slug=self.conference.slug)
        language = form.cleaned_data["language"]
        row = request_programme_pdf(version, language=language, by=request.user)
        if request.htmx:
            return render(
                request,
                "conferences/schedule/_pdf_status.html",
                {
                    "conference": self.conference,
                    "version": version,
                    "file": row,
                    "language": language,
                },
            )
        if row.state == FileState.DONE:
            messages.info(request, _("The PDF is ready."))
        else:
            messages.success(request, _("The PDF is being made. This page shows when it is ready."))
        return redirect("schedule_publish", slug=self.conference.slug)


class PdfStatusView(ScheduleMixin, View):
    """The state of one PDF (polled by htmx while it is being made)."""

    def get(self, request, *args, **kwargs):
        version = version_for(self.conference, kwargs["number"])
        language = kwargs["language"]
        if version is None or language not in ContentLanguage.values:
            raise Http404
        return pdf_status(
            request, self.conference, version, programme_file(version, language), language
        )


def with_pdfs(versions) -> list:
    """Each version with (language, its name, its file or None) for every language."""
    versions = list(versions)
    for index, version in enumerate(versions):
        files = {f.language: f for f in version.files.all()}
        version.is_latest = index == 0
        version.pdfs = [(code, name, files.get(code)) for code, name in ContentLanguage.choices]
    return versions


def pdf_status(request, conference, version, row, language):
    latest = latest_version(conference)
    version.is_latest = latest is not None and latest.pk == version.pk
    return render(
        request,
        "conferences/schedule/_pdf_status.html",
        {
            "conference": conference,
            "version": version,
            "file": row,
            "language": language,
            "language_name": ContentLanguage(language).label,
        },
    )

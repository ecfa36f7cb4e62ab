"""The day of the conference, for its advisers: check-in by ticket code (typed, from a scanner or
from the camera) or by name, and the name badges as a PDF.

Everyone else gets 404. Check-in goes through conferences.domain.checkin (check_in,
undo_check_in), badges through conferences.domain.badges; the pages read only through
conferences.queries.checkin. With htmx the search results and the person's card are swapped in
place and the outcome is announced in a live region; without JavaScript the forms post and
redirect, and everything works with the keyboard and a scanner that types the code.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from conferences.domain.badges import request_badges
from conferences.domain.checkin import AlreadyCheckedIn, check_in, undo_check_in
from conferences.domain.registration import RegistrationError
from conferences.domain.schedule import time_span
from conferences.enums import AccessNeed, Allergen, BadgeLayout, Diet, FileState
from conferences.models import Registration
from conferences.queries.checkin import (
    SEARCH_LIMIT,
    badge_count,
    badge_file,
    badge_files,
    checkin_counts,
    registration_by_code,
    search_registrations,
    ticket_code_from,
)
from conferences.views.adviser import ConferenceScopedMixin

# --- forms (used only here) ----------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Ticket code"),
        help_text=gettext_lazy("Scan the QR code on the ticket, or type the code under it."),
        max_length=2000,
        error_messages={"required": gettext_lazy("Type or scan a ticket code.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "enterkeyhint": "go",
                "data-code-field": "",
            }
        ),
    )

    def __init__(self, *args, autofocus: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if autofocus:
            self.fields["code"].widget.attrs["autofocus"] = True

    def clean_code(self) -> str:
        code = ticket_code_from(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(
                _("This is not a ticket code. Check what you typed, or scan the code again.")
            )
        return code


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name"),
        help_text=gettext_lazy("First name, last name or both."),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
    )


class BadgeForm(forms.Form):
    layout = forms.ChoiceField(
        label=gettext_lazy("Layout"),
        choices=BadgeLayout.choices,
        initial=BadgeLayout.SHEET,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose a layout."),
            "invalid_choice": gettext_lazy("Choose one of the layouts in the list."),
        },
    )


# --- check-in ------------------------------------------------------------------------------------


class DayMixin(ConferenceScopedMixin):
    """Only the conference's advisers; everyone else gets 404."""

    view_permission = "conferences.change_conference"
    change_permission = "conferences.change_conference"


def search_context(conference, query: str) -> dict:
    rows, more = search_registrations(conference, query)
    return {"query": query.strip(), "results": rows, "more": more, "limit": SEARCH_LIMIT}


class CheckinView(DayMixin, TemplateView):
    """The check-in page: the ticket code box (a ``code`` in the query goes to that person), the
    camera and the name search."""

    template_name = "conferences/checkin/page.html"

    def get(self, request, *args, **kwargs):
        code_form = CodeForm(request.GET if "code" in request.GET else None, autofocus=True)
        if code_form.is_bound and code_form.is_valid():
            return redirect(
                "checkin_person", slug=self.conference.slug, code=code_form.cleaned_data["code"]
            )
        context = self.get_context_data(code_form=code_form)
        return self.render_to_response(context, status=400 if code_form.is_bound else 200)

    def get_context_data(self, **kwargs):
        search_form = SearchForm(self.request.GET or None)
        query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
        return super().get_context_data(
            counts=checkin_counts(self.conference),
            search_form=search_form,
            **search_context(self.conference, query),
            **kwargs,
        )


class SearchView(CheckinView):
    """The name search: the results (and their announced count) for htmx, else the whole
    check-in page with the results."""

    def get(self, request, *args, **kwargs):
        if not request.htmx:
            context = self.get_context_data(code_form=CodeForm())
            return self.render_to_response(context)
        form = SearchForm(request.GET)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        return render(
            request,
            "conferences/checkin/_results.html",
            {"conference": self.conference, "oob": True, **search_context(self.conference, query)},
        )


def needs_for(registration: Registration) -> list[tuple[str, str]]:
    """The person's dietary, allergy and accessibility needs as (label, text) rows."""
    field = Registration._meta.get_field

    def labels(values, choices) -> str:
        names = dict(choices)
        return ", ".join(str(names.get(value, value)) for value in values)

    rows = [
        ("diets", labels(registration.diets, Diet.choices)),
        ("allergens", labels(registration.allergens, Allergen.choices)),
        ("diet_other", registration.diet_other),
        ("access_needs", labels(registration.access_needs, AccessNeed.choices)),
        ("access_other", registration.access_other),
    ]
    return [(capfirst(field(name).verbose_name), text) for name, text in rows if text]


def sessions_for(registration: Registration) -> list[dict]:
    rows = []
    for signup in registration.live_signups:
        session = signup.session
        start, end = (session.start, session.end) if session.start else (None, None)
        if start is None and signup.slot_id:
            start, end = signup.slot.start, signup.slot.end
        rows.append(
            {
                "title": session.title,
                "when": time_span(start, end) if start else "",
                "room": session.room.name if session.room_id else "",
                "state": signup.state,
                "state_label": signup.get_state_display(),
            }
        )
    return rows


def checked_in_by(registration: Registration) -> str:
    user = registration.checked_in_by
    return (user.get_full_name() or user.email) if user else ""


class PersonView(DayMixin, View):
    """One ticket: who it is, what they need, and the button to check them in."""

    def registration(self):
        return registration_by_code(self.conference, self.kwargs["code"])

    def not_found(self):
        return render(
            self.request,
            "conferences/checkin/not_found.html",
            {"conference": self.conference, "code_form": CodeForm(autofocus=True)},
            status=404,
        )

    def context(self, registration, **extra) -> dict:
        return {
            "conference": self.conference,
            "registration": registration,
            "needs": needs_for(registration),
            "needs_erased": registration.needs_erased_at is not None,
            "sessions": sessions_for(registration),
            "checked_in_by": checked_in_by(registration),
            "counts": checkin_counts(self.conference),
            **extra,
        }

    def get(self, request, *args, **kwargs):
        registration = self.registration()
        if registration is None:
            return self.not_found()
        return render(
            request,
            "conferences/checkin/person.html",
            self.context(registration, code_form=CodeForm()),
        )

    def post(self, request, *args, **kwargs):
        registration = self.registration()
        if registration is None:
            return self.not_found()
        message, level = check_in_outcome(registration, by=request.user)
        return self.respond(registration, message, level, next_person=level == "success")

    def respond(self, registration, message: str, level: str, *, next_person: bool):
        request = self.request
        if request.htmx:
            return render(
                request,
                "conferences/checkin/_person.html",
                self.context(registration, status=message, status_level=level, oob=True),
            )
        {"success": messages.success, "warning": messages.warning}.get(level, messages.error)(
            request, message
        )
        if next_person:
            return redirect("checkin", slug=self.conference.slug)
        return redirect("checkin_person", slug=self.conference.slug, code=registration.ticket_code)


def check_in_outcome(registration: Registration, *, by) -> tuple[str, str]:
    """Check the person in; the message for the helper and its level (success, warning or
    error). Nothing changes unless the person has a confirmed place and nobody else checked
    them in first."""
    try:
        check_in(registration, by=by)
    except AlreadyCheckedIn as already:
        message = str(already.message)
        who = checked_in_by(already.registration)
        if who:
            message += " " + _("Checked in by %(name)s.") % {"name": who}
        return message, "warning"
    except RegistrationError as refused:
        return str(refused.message) + " " + _("Nothing was changed."), "error"
    return _("Checked in: %(name)s") % {"name": registration.full_name}, "success"


class UndoView(PersonView):
    """Undo a check-in made by mistake."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = self.registration()
        if registration is None:
            return self.not_found()
        if undo_check_in(registration, by=request.user):
            message, level = (
                _("Check-in undone: %(name)s") % {"name": registration.full_name},
                "success",
            )
        else:
            registration.refresh_from_db()
            message, level = (
                _("%(name)s is not checked in. Nothing was changed.")
                % {"name": registration.full_name},
                "error",
            )
        return self.respond(registration, message, level, next_person=False)


# --- badges --------------------------------------------------------------------------------------


class BadgesView(DayMixin, TemplateView):
    """Choose a layout and make the badges of everyone with a confirmed place."""

    template_name = "conferences/badges/page.html"

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(
            form=form or BadgeForm(),
            people=badge_count(self.conference),
            files=badge_files(self.conference),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = BadgeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        layout = form.cleaned_data["layout"]
        row = request_badges(self.conference, layout=layout, by=request.user)
        label = BadgeLayout(layout).label
        if row.state == FileState.RUNNING:
            messages.info(
                request,
                _(
                    "The badges (%(layout)s) are being made right now. This page shows when they "
                    "are ready."
                )
                % {"layout": label},
            )
        else:
            messages.success(
                request,
                _("The badges (%(layout)s) are being made. This page shows when they are ready.")
                % {"layout": label},
            )
        return redirect(reverse("badges", args=[self.conference.slug]) + f"#badges-{layout}")


class BadgeLayoutMixin(DayMixin):
    def layout(self) -> str:
        layout = self.kwargs["layout"]
        if layout not in BadgeLayout.values:
            raise Http404
        return layout


class BadgeStatusView(BadgeLayoutMixin, View):
    """The state of one badge file (polled by htmx while it is being made)."""

    def get(self, request, *args, **kwargs):
        layout = self.layout()
        return render(
            request,
            "conferences/badges/_status.html",
            {
                "conference": self.conference,
                "layout": layout,
                "layout_name": BadgeLayout(layout).label,
                "file": badge_file(self.conference, layout),
            },
        )


class BadgeDownloadView(BadgeLayoutMixin, View):
    """The finished PDF; 404 until it is ready. Personal data: never cached."""

    def get(self, request, *args, **kwargs):
        layout = self.layout()
        row = badge_file(self.conference, layout)
        if row is None or row.state != FileState.DONE or not row.file:
            raise Http404(_("The badges are not ready yet."))
        try:
            handle = row.file.open("rb")
        except FileNotFoundError as error:
            raise Http404(_("The badges are not ready yet.")) from error
        response = FileResponse(
            handle,
            content_type="application/pdf",
            filename=f"{self.conference.slug}-badges-{layout}.pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response

"""The advisers' registration pages: the list with filters and exports, the summary (sessions,
municipalities, sectors, catering and accessibility needs), registering someone, and one
registration's page with its history and actions. Only the conference's advisers; everyone else
gets 404. Also the partner coordinator's list of their own organisation's registrations.

Every change goes through conferences.domain.registration; every queryset comes from
conferences.queries.registration.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from conferences.domain.checkin import undo_check_in
from conferences.domain.registration import (
    RegistrationError,
    cancel_registration,
    confirm_beyond_capacity,
    manage_url,
    register,
)
from conferences.enums import AccessNeed, Allergen, Diet, RegistrationState, SignupState
from conferences.forms.registrations import (
    AdviserRegistrationForm,
    CancelForm,
    ExtraPlaceForm,
    RegistrationFilterForm,
)
from conferences.models import Registration
from conferences.queries import conference_with_plan
from conferences.queries.registration import (
    catering_rows,
    catering_totals,
    coordinated_organisations,
    counted_registrations,
    messages_about,
    municipalities,
    municipality_choices,
    organisation_choices,
    organisations,
    registration_counts,
    registration_for,
    registration_summary,
    registrations_for,
    registrations_for_coordinator,
    session_choices,
)
from conferences.registration_exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    catering_people_table,
    catering_totals_table,
    registration_table,
    tables_csv,
    tables_xlsx,
)
from conferences.rules import is_conference_adviser
from conferences.views.adviser import ConferenceScopedMixin
from moteplass.audit import ACTION_LABELS, history_for
from moteplass.permissions import ScopedPermissionMixin

R = RegistrationState

# What the history of a registration says, until conferences.phrases names these actions.


class RegistrationsMixin(ConferenceScopedMixin):
    """Only the conference's advisers; everyone else gets 404."""

    view_permission = "conferences.change_conference"
    change_permission = "conferences.change_conference"

    def filter_form(self) -> RegistrationFilterForm:
        return RegistrationFilterForm(
            self.request.GET or None,
            organisations=organisation_choices(self.conference),
            municipalities=municipality_choices(),
            sessions=session_choices(self.conference),
        )

    def filtered(self):
        """The registrations the list's filters (in the query string) select, and the form."""
        form = self.filter_form()
        filters = form.filters()
        return registrations_for(self.conference, filters), form, filters


def download(content, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"  # personal and health data
    return response


# --- the list and the summary --------------------------------------------------------------------


class RegistrationListView(RegistrationsMixin, ListView):
    template_name = "conferences/registrations/list.html"
    context_object_name = "registrations"
    paginate_by = 50

    def get_queryset(self):
        registrations, self.form, self.filters = self.filtered()
        return registrations

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts=registration_counts(self.conference),
            filter_form=self.form,
            query=urlencode(self.filters),
            **kwargs,
        )


class RegistrationSummaryView(RegistrationsMixin, TemplateView):
    template_name = "conferences/registrations/summary.html"

    def get_context_data(self, **kwargs):
        show_names = self.request.GET.get("names") == "1"
        return super().get_context_data(
            summary=registration_summary(self.conference), show_names=show_names, **kwargs
        )


# --- exports -------------------------------------------------------------------------------------


class RegistrationExportView(RegistrationsMixin, View):
    """The filtered list with every field (``kind``: csv or xlsx)."""

    kind = "csv"

    def get(self, request, *args, **kwargs):
        registrations, _form, _filters = self.filtered()
        table = registration_table(registrations)
        name = f"{self.conference.slug}-registrations"
        if self.kind == "xlsx":
            return download(
                tables_xlsx([table]), name=f"{name}.xlsx", content_type=XLSX_CONTENT_TYPE
            )
        return download(
            tables_csv([table]).encode(), name=f"{name}.csv", content_type=CSV_CONTENT_TYPE
        )


class CateringExportView(RegistrationsMixin, View):
    """The catering list: one row per person with a need, then the totals; ``?names=0`` gives
    the totals only."""

    kind = "csv"

    def get(self, request, *args, **kwargs):
        rows = counted_registrations(self.conference)
        tables = [catering_totals_table(catering_totals(rows), counted=len(rows))]
        if request.GET.get("names") != "0":
            tables.insert(0, catering_people_table(catering_rows(rows)))
        name = f"{self.conference.slug}-catering"
        if self.kind == "xlsx":
            return download(
                tables_xlsx(tables), name=f"{name}.xlsx", content_type=XLSX_CONTENT_TYPE
            )
        return download(
            tables_csv(tables).encode(), name=f"{name}.csv", content_type=CSV_CONTENT_TYPE
        )


# --- registering someone -------------------------------------------------------------------------


class RegistrationAddView(RegistrationsMixin, TemplateView):
    template_name = "conferences/registrations/add.html"

    def get_form(self) -> AdviserRegistrationForm:
        data = self.request.POST if self.request.method == "POST" else None
        return AdviserRegistrationForm(
            data, organisations=organisations(), municipalities=municipalities()
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(
            registration_open=self.conference.registration_is_open(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        reason = form.cleaned_data["reason"]
        try:
            registration = register(
                self.conference,
                values=form.values(),
                by=request.user,
                creation_key=form.cleaned_data["key"],
                override_reason=reason,
            )
        except RegistrationError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                # the registration period or an invitation-only conference: a reason lets the
                # adviser register the person anyway
                form.add_error(
                    "reason",
                    f"{error.message} "
                    + _(
                        "To register the person anyway, give a reason for a place beyond capacity."
                    ),
                )
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, registered_message(registration))
        return redirect("registration_detail", slug=self.conference.slug, pk=registration.pk)


def registered_message(registration: Registration) -> str:
    values = {"name": registration.full_name}
    if registration.state == R.WAITLISTED:
        return _("%(name)s has been registered and put on the waiting list.") % values
    if registration.override_reason:
        return _("%(name)s has been registered with a place beyond capacity.") % values
    return _("%(name)s has been registered with a confirmed place.") % values


# --- one registration ----------------------------------------------------------------------------


class RegistrationDetailView(RegistrationsMixin, TemplateView):
    """Everything about one registration, and the adviser's actions: an extra place beyond
    capacity (for someone waiting), cancelling, undoing a check-in."""

    template_name = "conferences/registrations/detail.html"

    def get_registration(self) -> Registration:
        registration = registration_for(self.conference, self.kwargs["pk"])
        if registration is None:
            raise Http404
        return registration

    def detail_url(self) -> str:
        return reverse("registration_detail", args=[self.conference.slug, self.kwargs["pk"]])

    def get_context_data(self, **kwargs):
        registration = kwargs.pop("registration", None) or self.get_registration()
        live = registration.state in R.active()
        kwargs.setdefault(
            "extra_form",
            ExtraPlaceForm(prefix="extra")
            if registration.state in {R.WAITLISTED, R.OFFERED}
            else None,
        )
        kwargs.setdefault("cancel_form", CancelForm(prefix="cancel") if live else None)
        return super().get_context_data(
            registration=registration,
            signups=registration.all_signups,
            history=history_entries(registration),
            outbox_messages=messages_about(registration),
            manage_link=manage_url(registration) if live else "",
            may_undo_check_in=registration.state == R.CHECKED_IN,
            diets=labels(registration.diets, Diet),
            allergens=labels(registration.allergens, Allergen),
            access_needs=labels(registration.access_needs, AccessNeed),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        registration = self.get_registration()
        action = request.POST.get("action")
        if action == "extra":
            return self.extra_place(registration)
        if action == "cancel":
            return self.cancel(registration)
        if action == "undo_check_in":
            if undo_check_in(registration, by=request.user):
                messages.success(request, _("The check-in has been undone."))
            else:
                messages.info(request, _("Nothing was changed: the person is not checked in."))
            return redirect(self.detail_url())
        messages.error(request, _("Choose what to do with the registration."))
        return redirect(self.detail_url())

    def rerender(self, registration, **forms):
        return self.render_to_response(self.get_context_data(registration=registration, **forms))

    def extra_place(self, registration):
        form = ExtraPlaceForm(self.request.POST, prefix="extra")
        if not form.is_valid():
            return self.rerender(registration, extra_form=form)
        try:
            confirm_beyond_capacity(
                registration, reason=form.cleaned_data["reason"], by=self.request.user
            )
        except RegistrationError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(
                self.request,
                _("%(name)s has been given a place beyond capacity.")
                % {"name": registration.full_name},
            )
        return redirect(self.detail_url())

    def cancel(self, registration):
        form = CancelForm(self.request.POST, prefix="cancel")
        if not form.is_valid():
            return self.rerender(registration, cancel_form=form)
        if cancel_registration(registration, by=self.request.user, deadline=False):
            messages.success(
                self.request,
                _("The registration of %(name)s has been cancelled.")
                % {"name": registration.full_name},
            )
        else:
            messages.info(
                self.request, _("Nothing was changed: the registration was already over.")
            )
        return redirect(self.detail_url())


def labels(values, choices) -> list[str]:
    known = dict(choices.choices)
    return [str(known.get(value, value)) for value in values or []]


def history_entries(registration: Registration) -> list[dict]:
    """The recorded changes of a registration for people: what, who, when and the details."""
    sessions = {signup.session_id: signup.session.title for signup in registration.all_signups}
    fields = {field.name: field.verbose_name for field in Registration._meta.fields}
    entries = []
    for entry in history_for(registration):
        code, data = entry.action, entry.data or {}
        states = SignupState if code.startswith("conferences.signup.") else R
        details = []
        if "session" in data:
            details.append(sessions.get(data["session"], f"#{data['session']}"))
        if data.get("from") in states.values:
            details.append(_("Before: %(state)s") % {"state": states(data["from"]).label})
        if data.get("reason"):
            details.append(_("Reason: %(reason)s") % {"reason": data["reason"]})
        if data.get("fields"):
            names = ", ".join(str(fields.get(name, name)) for name in data["fields"])
            details.append(_("Fields: %(fields)s") % {"fields": names})
        entries.append(
            {
                "timestamp": entry.timestamp,
                "user": entry.user,
                "label": ACTION_LABELS.get(code, code),
                "details": details,
            }
        )
    return entries


# --- the partner coordinator's view --------------------------------------------------------------


class PartnerRegistrationsView(ScopedPermissionMixin, TemplateView):
    """A partner coordinator sees who from their organisation is registered: names, roles,
    states and sessions; no contact or health details. Everyone else gets 404."""

    view_permission = "conferences.view_partner_area"
    template_name = "conferences/registrations/partner.html"

    def get_permission_object(self):
        self.conference = get_object_or_404(conference_with_plan(), slug=self.kwargs["slug"])
        self.organisations = list(coordinated_organisations(self.conference, self.request.user))
        if not self.organisations:
            raise Http404
        return self.conference

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conference=self.conference,
            is_adviser=is_conference_adviser(self.request.user, self.conference),
            organisations=self.organisations,
            registrations=list(registrations_for_coordinator(self.conference, self.request.user)),
            **kwargs,
        )

"""The participant's side of registration (issue 6): the registration form, and the pages behind
the personal management link.

The token in a management address is the only credential: 256 random bits
(Registration.manage_token), so it cannot be guessed; an unknown token is a 404, and so is the
old token of an erased registration (erasure gives the row a new one). Pages with a token in
their address are never cached, never indexed and never send their address as a Referer.
Every change goes through conferences.domain.registration; a refusal (RegistrationError) is
shown next to the field it names, or as a message, and changes nothing. Every successful POST
redirects (303).

A page speaks the participant's written standard (the invitee's, on an invitation link) unless
the visitor has chosen a language (the language cookie) or is logged in, as the invitation
answer page does.
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django.views.decorators.cache import never_cache

from conferences import ticket
from conferences.domain.invitations import invitation_language
from conferences.domain.personal_data import erase_registration, registration_data
from conferences.domain.registration import (
    RegistrationError,
    accept_offer,
    cancel_registration,
    change_sessions,
    check_may_change,
    check_open,
    register,
    update_details,
)
from conferences.enums import RegistrationState, SignupState
from conferences.exports import registration_ics
from conferences.forms.registration import (
    TAMPERED,
    DetailsForm,
    RegistrationForm,
    SessionChoiceForm,
)
from conferences.queries.invitations import invitation_by_token
from conferences.queries.participant import (
    conference_places,
    known_organisations,
    live_registration_for,
    published_conference,
    registration_by_token,
    sessions_with_places,
    signups_of,
    waiting_position,
)
from conferences.queries.registration import municipalities
from conferences.views.answer import page_language
from moteplass.ratelimit import rate_limited

R = RegistrationState
S = SignupState
TICKET_STATES = {R.CONFIRMED, R.CHECKED_IN}
TEMPLATES = "conferences/registration/"
# Pages with a token in their address send no path in a Referer, to anyone. Not "no-referrer":
# with it, browsers send "Origin: null" with a form's POST, which the CSRF check rightly refuses
# (every token page has forms, if only the language switcher).
PRIVATE_REFERRER_POLICY = "strict-origin"


def see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def acting_user(request):
    return request.user if request.user.is_authenticated else None


def participant_language(request, registration) -> str:
    """The registration's written standard, unless the visitor chose a language themselves."""
    if request.user.is_authenticated or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return request.LANGUAGE_CODE
    return registration.language or request.LANGUAGE_CODE


def privacy_context() -> dict:
    return {
        "health_days": settings.REGISTRATION_HEALTH_RETENTION_DAYS,
        "retention_days": settings.REGISTRATION_RETENTION_DAYS,
    }


class LanguagePageMixin:
    """Render the whole response in ``self.language()``; ``private`` pages (a secret in their
    address) are not indexed and send only the site's origin as Referer."""

    private = False

    def language(self) -> str:
        return self.request.LANGUAGE_CODE

    def speak(self, request, *args, **kwargs):
        language = self.language()
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().dispatch(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        if self.private:
            response.headers["X-Robots-Tag"] = "noindex"
            response.headers["Referrer-Policy"] = PRIVATE_REFERRER_POLICY
        return response


# --- registering ---------------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class RegisterView(LanguagePageMixin, View):
    """The registration form of a published conference; with an invitation token, filled in
    from the invitation and required when the conference is invitation-only."""

    def dispatch(self, request, slug, token=None):
        self.conference = published_conference(slug)
        if self.conference is None:
            raise Http404
        self.invitation = None
        if token is not None:
            self.invitation = invitation_by_token(token)
            if self.invitation is None or self.invitation.conference_id != self.conference.pk:
                raise Http404
            self.private = True
        return self.speak(request, slug=slug, token=token)

    def language(self):
        if self.invitation is not None:
            return page_language(self.request, self.invitation)
        return self.request.LANGUAGE_CODE

    def get(self, request, slug, token=None):
        refusal = self.refusal(existing=True)
        if refusal is not None:
            return refusal
        return self.page(self.make_form())

    @rate_limited("moteplass_register")
    def post(self, request, slug, token=None):
        refusal = self.refusal()
        if refusal is not None:
            return refusal
        form = self.make_form(data=request.POST)
        if form.is_valid():
            try:
                registration = register(
                    self.conference,
                    values=form.values(),
                    sessions=form.chosen_sessions(),
                    invitation=self.invitation,
                    user=acting_user(request),
                    by=acting_user(request),
                    creation_key=form.cleaned_data["creation_key"],
                )
            except RegistrationError as error:
                form.add_domain_error(error)
            else:
                if self.is_theirs(registration, form.cleaned_data["email"]):
                    messages.success(request, registered_message(registration))
                    return see_other(
                        reverse("registration_manage", args=[registration.manage_token])
                    )
                form.add_error(None, str(TAMPERED))
        return self.page(form)

    def is_theirs(self, registration, email: str) -> bool:
        """A repeated creation key returns the first registration: only the same person's
        repeated post may be sent on to it."""
        return (
            registration.conference_id == self.conference.pk
            and registration.email.lower() == email.lower()
        )

    def refusal(self, *, existing: bool = False):
        """The page instead of the form when this person cannot register now (status 200);
        with ``existing``, also when they are registered already (a POST is not refused for
        that: a repeated post of the same form is sent on to the registration it made)."""
        try:
            check_open(self.conference, invitation=self.invitation)
        except RegistrationError as error:
            return self.closed_page(str(error.message))
        if existing:
            registration = live_registration_for(
                self.conference, user=acting_user(self.request), invitation=self.invitation
            )
            if registration is not None:
                return self.closed_page("", existing=registration)
        return None

    def closed_page(self, reason: str, *, existing=None):
        opens = self.conference.registration_opens
        return render(
            self.request,
            TEMPLATES + "closed.html",
            {
                "conference": self.conference,
                "reason": reason,
                "existing": existing,
                "opens": opens if opens is not None and opens > timezone.now() else None,
            },
        )

    def make_form(self, data=None):
        return RegistrationForm(
            data,
            initial=self.initial(),
            sessions=list(sessions_with_places(self.conference)),
            organisations=known_organisations(),
            municipalities=municipalities(),
        )

    def initial(self) -> dict:
        initial = {"language": self.request.LANGUAGE_CODE}
        user, invitation = acting_user(self.request), self.invitation
        if user is not None:
            initial.update(first_name=user.first_name, last_name=user.last_name, email=user.email)
            if user.language:
                initial["language"] = user.language
        if invitation is not None:
            initial.update(
                first_name=invitation.first_name,
                last_name=invitation.last_name,
                email=invitation.email,
                organisation=invitation.organisation_id,
                organisation_name=invitation.organisation_name,
                municipality=invitation.municipality_id,
                language=invitation_language(invitation),
            )
        return initial

    def page(self, form):
        places = conference_places(self.conference)
        return render(
            self.request,
            TEMPLATES + "register.html",
            {
                "conference": self.conference,
                "invitation": self.invitation,
                "form": form,
                # the organisation and needs fieldsets of an empty form are the same for everyone
                # (per language): cached for a minute, they make the registration rush cheaper
                "cache_static": not form.is_bound and self.invitation is None,
                # … and so are the person fields of a visitor who is not logged in
                "cache_person": not form.is_bound
                and self.invitation is None
                and not self.request.user.is_authenticated,
                "full": places["free"] <= 0 or places["waiting"] > 0,
                "dates": ticket.conference_dates(self.conference),
                **privacy_context(),
            },
        )


def registered_message(registration) -> str:
    if registration.state == R.WAITLISTED:
        return gettext(
            "The conference is full, so you are on the waiting list. We will email you if a "
            "place becomes free."
        )
    return gettext("You are registered. We have sent a confirmation to %(email)s.") % {
        "email": registration.email
    }


class ErasedView(LanguagePageMixin, View):
    """Where the participant lands after deleting their registration: no personal data left,
    so the page's language comes with the address (``?language=nn``)."""

    def dispatch(self, request, slug):
        self.conference = published_conference(slug)
        if self.conference is None:
            raise Http404
        return self.speak(request, slug=slug)

    def language(self):
        chosen = self.request.GET.get("language", "")
        own = self.request.user.is_authenticated or self.request.COOKIES.get(
            settings.LANGUAGE_COOKIE_NAME
        )
        if chosen in dict(settings.LANGUAGES) and not own:
            return chosen
        return self.request.LANGUAGE_CODE

    def get(self, request, slug):
        return render(request, TEMPLATES + "erased.html", {"conference": self.conference})


# --- the personal management link ----------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class TokenView(LanguagePageMixin, View):
    private = True

    def dispatch(self, request, token):
        self.registration = registration_by_token(token)
        if self.registration is None:
            raise Http404
        self.conference = self.registration.conference
        return self.speak(request, token=token)

    def language(self):
        return participant_language(self.request, self.registration)

    def manage_url(self) -> str:
        return reverse("registration_manage", args=[self.registration.manage_token])

    def back(self, message: str = "", *, level=messages.SUCCESS):
        if message:
            messages.add_message(self.request, level, message)
        return see_other(self.manage_url())

    def refuse(self, error: RegistrationError):
        return self.back(str(error.message), level=messages.ERROR)

    def changeable(self):
        """None if the participant may change the registration now, else the redirect that
        says why not."""
        try:
            check_may_change(self.registration)
        except RegistrationError as error:
            return self.refuse(error)
        return None

    def render_page(self, name: str, **context):
        return render(
            self.request,
            TEMPLATES + name,
            {
                "registration": self.registration,
                "conference": self.conference,
                "manage_url": self.manage_url(),
                **context,
            },
        )


class ManageView(TokenView):
    def get(self, request, token):
        registration = self.registration
        offer_expires = registration.offer_expires_at
        return self.render_page(
            "manage.html",
            signups=list(signups_of(registration)),
            position=waiting_position(registration) if registration.state == R.WAITLISTED else 0,
            may_change=registration.is_live and self.conference.participants_may_change(),
            has_ticket=registration.state in TICKET_STATES,
            offer_open=registration.state == R.OFFERED
            and offer_expires is not None
            and offer_expires > timezone.now(),
            dates=ticket.conference_dates(self.conference),
            changes_until=change_deadline(self.conference),
        )


def change_deadline(conference):
    """When participants may no longer change or cancel (see participants_may_change)."""
    if conference.registration_changes_until is not None:
        return conference.registration_changes_until
    start = dt.datetime.combine(conference.start_date, dt.time.min)
    return timezone.make_aware(start, timezone.get_default_timezone())


class SessionsView(TokenView):
    def get(self, request, token):
        return self.changeable() or self.page(self.make_form())

    @rate_limited("moteplass_token_link")
    def post(self, request, token):
        blocked = self.changeable()
        if blocked:
            return blocked
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                result = change_sessions(
                    self.registration, form.chosen_sessions(), by=acting_user(request)
                )
            except RegistrationError as error:
                if error.field is None:
                    return self.refuse(error)
                form.add_domain_error(error)
            else:
                if result["added"] or result["dropped"]:
                    return self.back(gettext("Your sessions have been changed."))
                return self.back(gettext("You kept the same sessions; nothing was changed."))
        return self.page(form)

    def make_form(self, data=None):
        current = {signup.slot_id: signup.session_id for signup in signups_of(self.registration)}
        return SessionChoiceForm(
            data, sessions=list(sessions_with_places(self.conference)), current=current
        )

    def page(self, form):
        return self.render_page("sessions.html", form=form)


class DetailsView(TokenView):
    def get(self, request, token):
        return self.changeable() or self.page(self.make_form())

    @rate_limited("moteplass_token_link")
    def post(self, request, token):
        blocked = self.changeable()
        if blocked:
            return blocked
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                changed = update_details(
                    self.registration, values=form.values(), by=acting_user(request)
                )
            except RegistrationError as error:
                if error.field is None:
                    return self.refuse(error)
                form.add_domain_error(error)
            else:
                if changed:
                    return self.back(gettext("Your details have been saved."))
                return self.back(gettext("Nothing was changed."), level=messages.INFO)
        return self.page(form)

    def make_form(self, data=None):
        registration = self.registration
        initial = {name: getattr(registration, name) for name in DetailsForm.base_fields}
        initial["organisation"] = registration.organisation_id
        initial["municipality"] = registration.municipality_id
        return DetailsForm(
            data,
            initial=initial,
            organisations=known_organisations(),
            municipalities=municipalities(),
        )

    def page(self, form):
        return self.render_page("details.html", form=form)


class CancelView(TokenView):
    def get(self, request, token):
        return self.changeable() or self.render_page("cancel.html")

    @rate_limited("moteplass_token_link")
    def post(self, request, token):
        try:
            cancelled = cancel_registration(self.registration, by=acting_user(request))
        except RegistrationError as error:
            return self.refuse(error)
        if not cancelled:
            return self.back(
                gettext("This registration was already cancelled."), level=messages.INFO
            )
        return self.back(gettext("Your registration is cancelled. Thank you for letting us know."))


class AcceptView(TokenView):
    http_method_names = ["post"]

    @rate_limited("moteplass_token_link")
    def post(self, request, token):
        try:
            accept_offer(self.registration, by=acting_user(request))
        except RegistrationError as error:
            return self.refuse(error)
        return self.back(gettext("You have accepted the place. Welcome to the conference!"))


class TicketView(TokenView):
    def get(self, request, token):
        if self.registration.state not in TICKET_STATES:
            raise Http404
        return self.render_page("ticket.html", **ticket.ticket_context(self.registration))


class TicketPdfView(TokenView):
    def get(self, request, token):
        if self.registration.state not in TICKET_STATES:
            raise Http404
        pdf = ticket.ticket_pdf(self.registration, language=translation.get_language())
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.conference.slug}-ticket.pdf"'
        return response


class CalendarView(TokenView):
    def get(self, request, token):
        if self.registration.state not in TICKET_STATES:
            raise Http404
        response = HttpResponse(
            registration_ics(self.registration), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.conference.slug}.ics"'
        return response


class DataView(TokenView):
    """Everything stored about the participant (right of access), as a JSON download."""

    def get(self, request, token):
        data = json.dumps(registration_data(self.registration), ensure_ascii=False, indent=2)
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        filename = f"registration-{self.conference.slug}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class EraseView(TokenView):
    def get(self, request, token):
        return self.render_page("erase.html", **privacy_context())

    @rate_limited("moteplass_token_link")
    def post(self, request, token):
        language = translation.get_language()
        erase_registration(self.registration, by=acting_user(request))
        messages.success(request, gettext("Your registration and your personal data are deleted."))
        url = reverse("registration_erased", args=[self.conference.slug])
        return see_other(f"{url}?language={language}")

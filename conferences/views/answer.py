"""The personal answer link of an invitation: public, no account needed.

The token in the address is the only credential: 256 random bits (Invitation.token), so it
cannot be guessed; an unknown token is a 404. A GET never changes anything. The page speaks the
invitee's written standard unless the visitor has chosen a language (the language cookie) or is
logged in (their saved language, as everywhere else).
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from conferences.domain.invitations import answer_invitation, invitation_language
from conferences.enums import InvitationAnswer
from conferences.forms.invitations import AnswerForm
from conferences.queries.invitations import invitation_by_token
from moteplass.ratelimit import rate_limited


def page_language(request, invitation) -> str:
    if request.user.is_authenticated or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return request.LANGUAGE_CODE  # chosen by moteplass.middleware.LanguageMiddleware
    return invitation_language(invitation)


@method_decorator(never_cache, name="dispatch")
class InvitationAnswerView(FormView):
    form_class = AnswerForm
    template_name = "conferences/invitations/answer.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = invitation_by_token(kwargs["token"])
        if self.invitation is None:
            raise Http404
        language = page_language(request, self.invitation)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()  # while the invitee's language is active
        response.headers["Content-Language"] = language
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    @rate_limited("moteplass_token_link")
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        if self.invitation.answer == InvitationAnswer.PENDING:
            return {}
        return {"answer": self.invitation.answer, "reason": self.invitation.answer_reason}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            invitation=self.invitation,
            conference=self.invitation.conference,
            answered=self.invitation.answer != InvitationAnswer.PENDING,
            **kwargs,
        )

    def form_valid(self, form):
        answer_invitation(
            self.invitation,
            answer=form.cleaned_data["answer"],
            reason=form.cleaned_data["reason"],
        )
        return redirect(self.request.path + "#answer")

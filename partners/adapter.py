import datetime as dt
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from partners.enums import Language


class AccountAdapter(DefaultAccountAdapter):
    """Accounts keep the language the person used while signing up. Account emails (login codes,
    verification, password reset) go through the outbox like every other message, written in the
    recipient's saved language (språklova: answer in the person's målform)."""

    def save_user(self, request, user, form, commit=True):
        language = (translation.get_language() or Language.BOKMAL)[:2]
        if language in Language.values:
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """An adviser sent to set up the authenticator app straight after logging in is not asked
        for the password a second time: a log-in with the password within the reauthentication
        timeout counts, for the set-up and for seeing the recovery codes it made, as long as the
        person had no second factor before that log-in. Every other step asks as allauth does."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = allauth_context.request
        if not required or app != "allauth.mfa" or request is None:
            return required
        from allauth.account import app_settings
        from allauth.account.authentication import get_authentication_records
        from allauth.mfa.models import Authenticator

        user = request.user
        logged_in_at = max(
            (
                record.get("at", 0)
                for record in get_authentication_records(request, user)
                if record.get("method") == "password"
            ),
            default=0,
        )
        if time.time() - logged_in_at >= app_settings.REAUTHENTICATION_TIMEOUT:
            return True
        earlier = dt.datetime.fromtimestamp(logged_in_at, tz=dt.UTC)
        return Authenticator.objects.filter(user=user, created_at__lte=earlier).exists()

    def send_mail(self, template_prefix, email, context):
        from conferences.domain.mail import queue_message
        from partners.models import User

        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = getattr(user, "language", None) or (translation.get_language() or "nb")[:2]
        request = allauth_context.request
        values = {"request": request, "email": email, "current_site": get_current_site(request)}
        values.update(context)
        with translation.override(language):
            rendered = self.render_mail(template_prefix, email, values)
        queue_message(
            to_email=email,
            language=language,
            subject=rendered.subject,
            body=rendered.body,
            user=user if getattr(user, "pk", None) else None,
        )


class MFAAdapter(DefaultMFAAdapter):
    """Advisers and staff cannot remove their authenticator app: two factors are required for
    them (moteplass.middleware.RequireTwoFactorMiddleware)."""

    def can_delete_authenticator(self, authenticator) -> bool:
        from allauth.mfa.models import Authenticator

        from partners.roles import must_use_two_factor

        if authenticator.type == Authenticator.Type.TOTP and must_use_two_factor(
            authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
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

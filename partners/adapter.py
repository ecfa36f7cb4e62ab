from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from partners.enums import Language


class AccountAdapter(DefaultAccountAdapter):
    """Accounts keep the language the person used while signing up, and account emails are
    written in the recipient's saved language (språklova: answer in the person's målform)."""

    def save_user(self, request, user, form, commit=True):
        language = (translation.get_language() or Language.BOKMAL)[:2]
        if language in Language.values:
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        from partners.models import User

        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from partners.enums import Language


class AccountAdapter(DefaultAccountAdapter):
    """New accounts keep the language the person used while signing up."""

    def save_user(self, request, user, form, commit=True):
        language = (translation.get_language() or Language.BOKMAL)[:2]
        if language in Language.values:
            user.language = language
        return super().save_user(request, user, form, commit=commit)

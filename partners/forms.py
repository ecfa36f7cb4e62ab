from django import forms
from django.utils.translation import gettext_lazy as _

from partners.enums import Language
from partners.models import Organisation, User
from partners.validators import normalize_orgnr, validate_orgnr


class SignupNameForm(forms.Form):
    """Extra fields on allauth's sign-up form: given and family name (WCAG 1.3.5 autocomplete)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "language"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class OrganisationForm(forms.ModelForm):
    """Accepts an organisation number written with spaces (e.g. 964 982 953)."""

    orgnr = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        required=False,
        help_text=_("9 digits, from the Central Coordinating Register (Enhetsregisteret)."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "slug", "orgnr", "sector", "municipality", "written_standard"]

    def clean_orgnr(self):
        value = normalize_orgnr(self.cleaned_data["orgnr"])
        if value:
            validate_orgnr(value)
        return value

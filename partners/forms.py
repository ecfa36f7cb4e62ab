from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.domain import ALREADY_MEMBER
from partners.enums import Language, MembershipRole
from partners.models import Organisation, User
from partners.queries import is_member_email
from partners.validators import clean_person_name, normalize_orgnr, validate_orgnr


class PersonNameMixin:
    """A form's ``first_name`` and ``last_name``: normalised, and letters only (no digits, no
    control or direction-override characters), by :func:`clean_person_name`."""

    def clean_first_name(self):
        return clean_person_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return clean_person_name(self.cleaned_data["last_name"])


class SignupNameForm(PersonNameMixin, forms.Form):
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


class ProfileForm(PersonNameMixin, forms.ModelForm):
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


ROLE_CHOICES = [
    (
        MembershipRole.COORDINATOR,
        _("Coordinator: also invites and manages the organisation's people"),
    ),
    (MembershipRole.EDITOR, _("Editor: proposes and edits programme items")),
]


class InviteMemberForm(PersonNameMixin, forms.Form):
    """Invite a person into an organisation by email (partners.domain.invite_member)."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=pgettext_lazy("membership", "Role"),
        choices=ROLE_CHOICES,
        initial=MembershipRole.EDITOR,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if is_member_email(self.organisation, email):
            raise forms.ValidationError(ALREADY_MEMBER, code="already_member")
        return email


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=pgettext_lazy("membership", "Role"), choices=ROLE_CHOICES, widget=forms.RadioSelect
    )

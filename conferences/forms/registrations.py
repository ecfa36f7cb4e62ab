"""Forms of the advisers' registration pages: the list's filters, registering someone, and the
actions on one registration. The domain (conferences.domain.registration) decides what is
allowed; these forms only clean what was typed."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conferences.enums import AccessNeed, Allergen, Diet, RegistrationState
from conferences.models.registration import FREE_TEXT_MAX, NAME_MAX
from conferences.queries.registration import NO_MUNICIPALITY
from conferences.validators import normalize_phone
from partners.enums import Language, Sector
from partners.forms import PersonNameMixin

ALL = ("", pgettext_lazy("filter", "All"))
LIST_CHOICES = {"diets": Diet, "allergens": Allergen, "access_needs": AccessNeed}


# --- the list's filters --------------------------------------------------------------------------


class RegistrationFilterForm(forms.Form):
    """GET filters of the registration list. A value that is not one of the choices is shown
    as an error next to its field and ignored; the other filters still apply."""

    q = forms.CharField(
        label=_("Name or email address"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    state = forms.ChoiceField(
        label=pgettext_lazy("registration", "State"),
        required=False,
        choices=[ALL, *RegistrationState.choices],
    )
    organisation = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=int)
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[ALL, *Sector.choices])
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    session = forms.TypedChoiceField(label=_("Session"), required=False, coerce=int)
    checked_in = forms.ChoiceField(
        label=_("Checked in"),
        required=False,
        choices=[ALL, ("yes", _("Yes")), ("no", _("No"))],
    )

    def __init__(self, data=None, *, organisations, municipalities, sessions, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["organisation"].choices = [ALL, *organisations]
        self.fields["municipality"].choices = [
            ALL,
            (NO_MUNICIPALITY, _("No municipality given")),
            *((str(pk), name) for pk, name in municipalities),
        ]
        self.fields["session"].choices = [ALL, *((s.pk, session_label(s)) for s in sessions)]

    def clean_municipality(self):
        value = self.cleaned_data["municipality"]
        return int(value) if value and value != NO_MUNICIPALITY else value

    def filters(self) -> dict:
        """The valid, non-empty filters (field name → clean value)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in ("", None) and name not in self.errors
        }


def session_label(session) -> str:
    start = formats.date_format(timezone.localtime(session.start or session.slot.start), "D j. H:i")
    room = f" ({session.room.name})" if session.room_id else ""
    return f"{start} {session.title}{room}"


# --- registering someone -------------------------------------------------------------------------


class AdviserRegistrationForm(PersonNameMixin, forms.Form):
    """An adviser registers a person with the same details as the public form. The person's
    own details: autocomplete is off, so the browser does not fill in the adviser's."""

    first_name = forms.CharField(label=_("First name"), max_length=NAME_MAX)
    last_name = forms.CharField(label=_("Last name"), max_length=NAME_MAX)
    email = forms.EmailField(label=_("Email address"), max_length=254)
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        help_text=_("Optional. A Norwegian number has 8 digits; give a foreign one with +."),
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        empty_label=_("Not in the list"),
    )
    organisation_name = forms.CharField(
        label=_("Organisation not in the list"),
        required=False,
        max_length=200,
        help_text=_("Write the organisation's name if it is not in the list above."),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("Not given")), *Sector.choices],
        help_text=_("Needed when you write the organisation's name yourself."),
    )
    job_title = forms.CharField(label=_("Role or title"), required=False, max_length=200)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, required=False, empty_label=_("Not given")
    )
    language = forms.ChoiceField(
        label=_("Written standard"),
        choices=Language.choices,
        initial=Language.BOKMAL,
        widget=forms.RadioSelect,
        help_text=_("The emails to the person are written in this written standard."),
    )
    diets = forms.MultipleChoiceField(
        label=_("Diet"), required=False, choices=Diet.choices, widget=forms.CheckboxSelectMultiple
    )
    allergens = forms.MultipleChoiceField(
        label=_("Allergies"),
        required=False,
        choices=Allergen.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    diet_other = forms.CharField(
        label=_("Other dietary needs or allergies"),
        required=False,
        max_length=FREE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Accessibility needs"),
        required=False,
        choices=AccessNeed.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    access_other = forms.CharField(
        label=_("Other accessibility needs"),
        required=False,
        max_length=FREE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Reason for a place beyond capacity"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Optional. With a reason the person gets a confirmed place even when the conference "
            "is full, and can be registered outside the registration period and past the "
            "limits per organisation and municipality. The reason is recorded. Without one, "
            "the usual rules apply and the person may be put on the waiting list."
        ),
    )
    key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, organisations, municipalities, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["municipality"].queryset = municipalities
        for name in ("first_name", "last_name", "email", "phone", "organisation_name"):
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def clean_reason(self):
        return " ".join(self.cleaned_data["reason"].split())

    def clean(self):
        data = super().clean()
        data["organisation_name"] = " ".join((data.get("organisation_name") or "").split())
        for name, choices in LIST_CHOICES.items():
            if name in data:  # in the order of the choices, as the public form keeps them
                data[name] = [value for value in choices.values if value in data[name]]
        if data.get("organisation"):
            # as in the public form: a chosen organisation wins, with its own name and sector
            data["organisation_name"], data["sector"] = "", ""
        elif data["organisation_name"] and not data.get("sector"):
            self.add_error("sector", _("Choose the sector the organisation belongs to."))
        for text in ("diet_other", "access_other"):
            if text in data:
                data[text] = data[text].strip()
        return data

    def values(self) -> dict:
        """The person's details as conferences.domain.registration.register() takes them."""
        data = self.cleaned_data
        names = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "organisation",
            "organisation_name",
            "sector",
            "job_title",
            "municipality",
            "language",
            "diets",
            "allergens",
            "diet_other",
            "access_needs",
            "access_other",
        ]
        return {name: data[name] for name in names}


# --- actions on one registration -----------------------------------------------------------------


class ExtraPlaceForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the extra place"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the history of the registration."),
        error_messages={"required": _("Give a reason for the extra place.")},
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise ValidationError(_("Give a reason for the extra place."), code="required")
        return reason


class CancelForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, cancel this registration"),
        help_text=_(
            "The person gets an email that the registration is cancelled. Their place at the "
            "conference and in sessions goes to the next people on the waiting lists."
        ),
        error_messages={"required": _("Tick the box to confirm the cancellation.")},
    )

"""Forms of the participant's registration (issue 6): the registration form, the change of
details and the change of sessions.

The field names are fixed (the rush benchmark posts them): ``first_name``, ``last_name``,
``email``, ``phone``, ``organisation``, ``organisation_name``, ``sector``, ``job_title``,
``municipality``, ``language``, one radio group ``session_<slot id>`` per time slot (the session
id, or "" for none), ``diets``, ``allergens``, ``access_needs``, ``diet_other``,
``access_other``, ``listed``, ``photos`` and the hidden ``creation_key``.

The forms only check what a person typed; the rules of registering (opening times, limits,
capacity) are the domain's, whose refusals come back as ``RegistrationError`` and are shown next
to the field they name (``add_domain_error``).
"""

from __future__ import annotations

import hashlib
import uuid
from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from conferences.domain.registration import DETAIL_FIELDS
from conferences.enums import AccessNeed, Allergen, Diet
from conferences.models.registration import FREE_TEXT_MAX, NAME_MAX
from conferences.queries.participant import session_capacity
from conferences.validators import normalize_phone
from partners.enums import Language, Sector
from partners.forms import PersonNameMixin

SESSION_PREFIX = "session_"
LIST_CHOICES = {"diets": Diet, "allergens": Allergen, "access_needs": AccessNeed}
# The order of the fields: the error summary lists problems in the order of the page.
PERSON_FIELDS = ["first_name", "last_name", "email", "phone", "language"]
ORGANISATION_FIELDS = ["organisation", "organisation_name", "sector", "job_title", "municipality"]
NEEDS_FIELDS = ["diets", "allergens", "diet_other", "access_needs", "access_other"]
CONSENT_FIELDS = ["listed", "photos"]
TAMPERED = _(
    "The form was changed or is too old. Reload the page, fill it in again and send it once more."
)


def slot_label(slot) -> str:
    start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
    return "{day}, {start}–{end}".format(
        day=formats.date_format(start, "l j. F").capitalize(),
        start=formats.time_format(start, "H:i"),
        end=formats.time_format(end, "H:i"),
    )


def places_text(session, taken: int) -> str:
    """Places left in a session, in words; "" when the session has no limit."""
    capacity = session_capacity(session)
    if capacity is None:
        return ""
    left = capacity - taken
    if left <= 0:
        return gettext("Full – join the waiting list")
    return ngettext("%(count)s place left", "%(count)s places left", left) % {"count": left}


def session_label(session, *, taken: int, current: bool = False) -> str:
    """One option of a time slot: title, room, time and places left."""
    start, end = timezone.localtime(session.start), timezone.localtime(session.end)
    where = [session.room.name] if session.room_id else []
    where.append(f"{formats.time_format(start, 'H:i')}–{formats.time_format(end, 'H:i')}")
    label = f"{session.title} ({', '.join(where)})"
    status = gettext("your current choice") if current else places_text(session, taken)
    return f"{label}: {status}" if status else label


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DomainErrorMixin:
    def add_domain_error(self, error) -> None:
        """Show a RegistrationError next to the field it names (else above the form)."""
        field = error.field
        if field == "sessions":
            field = next(iter(getattr(self, "session_fields", [])), None)
        self.add_error(field if field in self.fields else None, str(error.message))


class ParticipantForm(PersonNameMixin, DomainErrorMixin, forms.Form):
    """What a participant tells about themselves; also the form that changes it afterwards."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Write your first name.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Write your last name.")},
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        required=False,
        max_length=40,
        help_text=_("Optional. 8 digits, or the country code first for a foreign number."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    language = forms.ChoiceField(
        label=_("Written standard for our emails to you"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose bokmål, nynorsk or English.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        empty_label=_("Not in the list, or none"),
        help_text=_("Choose your organisation. If it is not in the list, write its name below."),
        widget=forms.Select(attrs={"autocomplete": "organization"}),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    organisation_name = forms.CharField(
        label=_("Organisation, if it is not in the list"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", "—"), *Sector.choices],
        required=False,
        help_text=_("Needed when you write the name of your organisation yourself."),
    )
    job_title = forms.CharField(
        label=_("Role or title"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        empty_label=_("Outside Telemark, or none"),
        help_text=_("The Telemark municipality you work in or represent."),
        widget=forms.Select(attrs={"autocomplete": "address-level2"}),
        error_messages={"invalid_choice": _("Choose a municipality from the list.")},
    )
    diets = forms.MultipleChoiceField(
        label=_("Diet"),
        choices=Diet.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    allergens = forms.MultipleChoiceField(
        label=_("Allergies and intolerances"),
        choices=Allergen.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    diet_other = forms.CharField(
        label=_("Other dietary needs or allergies"),
        required=False,
        max_length=FREE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Accessibility needs"),
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_other = forms.CharField(
        label=_("Other accessibility needs"),
        required=False,
        max_length=FREE_TEXT_MAX,
        help_text=_("We confirm each need, and tell you clearly if we cannot meet one."),
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
    )
    listed = forms.BooleanField(
        label=_("Put my name and organisation on the published participant list"),
        required=False,
    )
    photos = forms.BooleanField(
        label=_("Photos from the conference where I appear may be published"),
        required=False,
    )

    def __init__(self, *args, organisations, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["municipality"].queryset = municipalities

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def clean_organisation_name(self):
        return " ".join(self.cleaned_data["organisation_name"].split())

    def clean_diet_other(self):
        return self.cleaned_data["diet_other"].strip()

    def clean_access_other(self):
        return self.cleaned_data["access_other"].strip()

    def clean(self):
        data = super().clean()
        for name, choices in LIST_CHOICES.items():
            if name in data:  # in the order of the choices, so a reordering is no change
                data[name] = [value for value in choices.values if value in data[name]]
        if data.get("organisation"):
            # the chosen organisation wins: its name and sector come from the list
            data["organisation_name"], data["sector"] = "", ""
        elif data.get("organisation_name") and not data.get("sector"):
            self.add_error("sector", _("Choose the sector your organisation belongs to."))
        return data

    def values(self) -> dict:
        """The cleaned values the domain takes (``DETAIL_FIELDS``, and the email if asked)."""
        names = [*DETAIL_FIELDS, "email"]
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}

    @property
    def person_fields(self):
        return [self[name] for name in PERSON_FIELDS if name in self.fields]

    @property
    def organisation_fields(self):
        return [self[name] for name in ORGANISATION_FIELDS]

    @property
    def needs_fields(self):
        return [self[name] for name in NEEDS_FIELDS]

    @property
    def consent_fields(self):
        return [self[name] for name in CONSENT_FIELDS]


class SessionFieldsMixin:
    """One radio group per time slot, ``session_<slot id>``: a session of that slot or none."""

    def add_session_fields(self, sessions, *, current=None) -> None:
        """``sessions``: the conference's sign-up sessions in slot order, each with ``taken``
        (confirmed places); ``current``: {slot id: session id} of the participant's choices."""
        current = current or {}
        self.session_fields, self.sessions_by_id = [], {}
        for slot_id, group in groupby(sessions, key=lambda session: session.slot_id):
            group = list(group)
            name = f"{SESSION_PREFIX}{slot_id}"
            choices = [("", gettext("None in this time slot"))]
            for session in group:
                self.sessions_by_id[session.pk] = session
                mine = current.get(slot_id) == session.pk
                label = session_label(session, taken=session.taken, current=mine)
                choices.append((str(session.pk), label))
            self.fields[name] = forms.ChoiceField(
                label=slot_label(group[0].slot),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose one of the sessions in this time slot, or none.")
                },
            )
            self.initial.setdefault(name, str(current.get(slot_id, "")))
            self.session_fields.append(name)

    @property
    def session_boundfields(self):
        return [self[name] for name in self.session_fields]

    def sessions_fingerprint(self) -> str:
        """Everything the (unbound) session fieldset shows — slots, choices with their places
        left, what is chosen — as a cache key: the same key means the same HTML."""
        shown = [
            (name, str(self.fields[name].label), self.fields[name].choices, self.initial.get(name))
            for name in self.session_fields
        ]
        return hashlib.sha256(repr(shown).encode()).hexdigest()

    def chosen_sessions(self) -> list:
        return [
            self.sessions_by_id[int(value)]
            for name in self.session_fields
            if (value := self.cleaned_data.get(name))
        ]


class RegistrationForm(SessionFieldsMixin, ParticipantForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send the confirmation, your ticket and your personal link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Write your email address."),
            "invalid": _("Write a whole email address, for example kari.nordmann@example.no."),
        },
    )
    creation_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("creation_key", str(uuid.uuid4()))
        self.add_session_fields(sessions)
        self.order_fields(
            [*PERSON_FIELDS, *ORGANISATION_FIELDS, *self.session_fields, *NEEDS_FIELDS]
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_creation_key(self):
        try:
            key = uuid.UUID(self.cleaned_data["creation_key"])
        except ValueError:
            return None
        return key if key.version == 4 else None

    def clean(self):
        data = super().clean()
        if data.get("creation_key") is None:
            # a hidden field: the problem is the form's, shown above it
            self.add_error(None, ValidationError(TAMPERED, code="tampered"))
        return data


class DetailsForm(ParticipantForm):
    """The participant changes their details (not the email address: it is who they are)."""


class SessionChoiceForm(DomainErrorMixin, SessionFieldsMixin, forms.Form):
    def __init__(self, *args, sessions, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_session_fields(sessions, current=current)

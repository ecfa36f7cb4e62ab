"""The audit log's filters (a GET form that works without JavaScript)."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conferences.queries.audit import NO_CONFERENCE, NOBODY
from moteplass.models import OBJECT_REPR_MAX

ALL = ("", pgettext_lazy("filter", "All"))
# far enough apart for any log, near enough that a day's start and end are real times
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


def date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give a valid date, for example 14.03.2031.")},
    )


def person_label(user) -> str:
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else user.email


class ActivityLogFilterForm(forms.Form):
    """Filters of a conference's log (with ``conferences``: of the county's log). A value that
    is not valid is shown as an error next to its field and ignored; the other filters still
    apply."""

    person = forms.ChoiceField(
        label=_("Person"),
        required=False,
        error_messages={"invalid_choice": _("Choose a person from the list.")},
    )
    kind = forms.TypedChoiceField(
        label=_("Kind of object"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a kind of object from the list.")},
    )
    object = forms.CharField(
        label=_("Object"),
        help_text=_("A part of its name, for example a title or a person's name."),
        required=False,
        max_length=OBJECT_REPR_MAX,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, data=None, *, people, kinds, conferences=None, **kwargs):
        super().__init__(data, **kwargs)
        if conferences is not None:
            self.fields["conference"] = forms.ChoiceField(
                label=_("Conference"),
                required=False,
                choices=[
                    ALL,
                    (NO_CONFERENCE, _("Not tied to a conference")),
                    *((str(conference.pk), conference.title) for conference in conferences),
                ],
                error_messages={"invalid_choice": _("Choose a conference from the list.")},
            )
        # "from" and "to" are the query string's names; Python does not allow them as attributes
        self.fields["from"] = date_field(_("From date"))
        self.fields["to"] = date_field(_("To date"))
        self.fields["person"].choices = [
            ALL,
            (NOBODY, _("Nobody logged in (the system or a personal link)")),
            *((str(user.pk), person_label(user)) for user in people),
        ]
        self.fields["kind"].choices = [
            ALL,
            *((kind.pk, str(kind.model_class()._meta.verbose_name).capitalize()) for kind in kinds),
        ]

    def clean_object(self):
        return " ".join(self.cleaned_data["object"].split())

    def clean(self):
        cleaned = super().clean()
        for name in ("from", "to"):
            day = cleaned.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, _("Give a date from the year 2000 to 2099."))
        since, until = cleaned.get("from"), cleaned.get("to")
        if since and until and until < since:
            self.add_error("to", _("The to date cannot be before the from date."))
        return cleaned

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

"""Forms of the invitation list (advisers) and of the personal answer link (invitees)."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from conferences.enums import InvitationAnswer, MessageState
from conferences.imports import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS
from conferences.queries.invitations import NO_MESSAGE

# The headings read_invitees() accepts, as people write them (not translated: they are the
# accepted column names), with what the column holds.
IMPORT_COLUMNS = [
    ("Fornavn / Førenamn / First name", _("required")),
    ("Etternavn / Etternamn / Last name", _("required")),
    ("E-post / Email", _("required")),
    ("Organisasjon / Organisation", _("optional")),
    ("Kommune / Municipality", _("optional: the name or the 4-digit number")),
    ("Målform / Written standard", _("optional: nb, nn or en")),
]


def import_help_text() -> str:
    intro = _(
        "A CSV file (.csv, saved as UTF-8, with commas or semicolons between the columns) or an "
        "Excel workbook (.xlsx), at most %(size)s and %(rows)s people. The first row holds the "
        "column headings, in Norwegian or English:"
    ) % {
        "size": filesizeformat(MAX_IMPORT_BYTES),
        "rows": number_format(MAX_IMPORT_ROWS, force_grouping=True),
    }
    columns = format_html_join(
        "", "<li><strong>{}</strong> ({})</li>", ((name, note) for name, note in IMPORT_COLUMNS)
    )
    return format_html("<p>{}</p><ul>{}</ul>", intro, columns)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("List of invitees"),
        error_messages={
            "required": _("Choose a CSV or Excel file to upload."),
            "empty": _("The file is empty. Put the column headings in the first row."),
        },
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.txt,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = import_help_text()


class ImportConfirmForm(forms.Form):
    """The confirmation of a preview: the token names the clean rows kept in the session."""

    token = forms.CharField(max_length=64, widget=forms.HiddenInput)


class InvitationFilterForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        required=False,
        choices=[("", pgettext_lazy("filter", "All")), *InvitationAnswer.choices],
    )
    message = forms.ChoiceField(
        label=_("Invitation message"),
        required=False,
        choices=[
            ("", pgettext_lazy("filter", "All")),
            (NO_MESSAGE, _("Not drafted yet")),
            *MessageState.choices,
        ],
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, organisation):
        members = ngettext("%(count)s member", "%(count)s members", organisation.member_count) % {
            "count": organisation.member_count
        }
        return f"{organisation.name} ({members})"


class MembersForm(forms.Form):
    organisations = OrganisationChoiceField(
        label=_("Partner organisations"),
        queryset=None,
        help_text=_(
            "Everyone with an active account in the chosen organisations is added to the list. "
            "People who are already invited are not added twice."
        ),
        error_messages={"required": _("Choose at least one organisation.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations


class ConfirmCountForm(forms.Form):
    """A bulk action confirmed for the number of people the adviser was shown."""

    expected = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


REASON_MAX_LENGTH = 1000


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            (InvitationAnswer.YES, _("Yes, I'm coming")),
            (InvitationAnswer.NO, _("No, I can't come")),
        ],
        error_messages={"required": _("Choose whether you are coming.")},
    )
    reason = forms.CharField(
        label=_("Why can't you come? (optional)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only if you answer no. The organisers read it; it helps them plan the next "
            "conference. At most 1000 characters."
        ),
        error_messages={
            "max_length": _(
                "Write at most %(limit_value)d characters (you have written %(show_value)d)."
            )
        },
    )

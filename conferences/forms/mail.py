from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conferences.enums import ContentLanguage, MailRole, MessageState
from conferences.models import MailTemplate, OutboxMessage
from conferences.placeholders import validate_placeholders

TEMPLATE_FIELDS = ["subject_nb", "body_nb", "subject_nn", "body_nn", "subject_en", "body_en"]


class MailTemplateForm(forms.ModelForm):
    class Meta:
        model = MailTemplate
        fields = TEMPLATE_FIELDS
        widgets = {
            "body_nb": forms.Textarea(attrs={"rows": 10}),
            "body_nn": forms.Textarea(attrs={"rows": 10}),
            "body_en": forms.Textarea(attrs={"rows": 10}),
        }

    def clean(self):
        cleaned = super().clean()
        for name in TEMPLATE_FIELDS:
            value = cleaned.get(name)
            if value is None:
                continue
            if name.startswith("subject") and ("\n" in value or "\r" in value):
                self.add_error(name, _("A subject is one line."))
                continue
            try:
                validate_placeholders(value, self.instance.role)
            except forms.ValidationError as error:
                self.add_error(name, error)
        return cleaned


class PreviewForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=ContentLanguage.choices)
    recipient = forms.ModelChoiceField(
        label=_("Recipient"),
        queryset=None,
        required=False,
        empty_label=_("An example person"),
    )

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = invitations


class OutboxFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", pgettext_lazy("filter", "All"))] + MessageState.choices,
    )
    role = forms.ChoiceField(
        label=_("Kind of message"),
        required=False,
        choices=[("", pgettext_lazy("filter", "All"))] + MailRole.choices,
    )
    q = forms.CharField(
        label=_("Recipient"),
        required=False,
        max_length=200,
        help_text=_("Part of a name or an email address."),
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class DraftForm(forms.ModelForm):
    class Meta:
        model = OutboxMessage
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("A subject is one line."))
        return subject


class SendForm(forms.Form):
    """Which drafts to send: a selection of ids, or every draft matching the filter."""

    message = forms.ModelMultipleChoiceField(queryset=None, required=False)
    everything = forms.BooleanField(required=False)
    expected = forms.IntegerField(required=False, min_value=0)
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, drafts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].queryset = drafts

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("everything") and not cleaned.get("message"):
            raise forms.ValidationError(_("Choose at least one draft to send."), code="empty")
        return cleaned

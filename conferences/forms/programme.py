"""The public programme's filters (GET), offered from the published version's own values."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

FILTER_NAMES = ("focus", "goal", "format", "room", "partner")


def _all():
    return [("", pgettext_lazy("filter", "All"))]


class ProgrammeFilterForm(forms.Form):
    """The programme's filters (GET). Only values some item of the version has are offered; a
    value that does not fit is shown as an error and left out, the other filters still apply."""

    focus = forms.ChoiceField(label=_("Focus area"), required=False)
    goal = forms.ChoiceField(label=_("Main goal"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    room = forms.ChoiceField(label=pgettext_lazy("programme", "Room"), required=False)
    partner = forms.ChoiceField(label=_("Partner"), required=False)

    def __init__(self, *args, choices: dict[str, list], **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        for name in FILTER_NAMES:
            self.fields[name].choices = [*_all(), *choices[name]]

    def filters(self) -> dict[str, str]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

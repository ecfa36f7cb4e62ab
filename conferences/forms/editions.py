"""The form that creates next year's edition of a conference. It only reads the input;
``conferences.domain.editions.copy_to_next_edition`` checks it and copies."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conferences.domain.editions import suggested_dates, suggested_slug, suggested_title
from conferences.models import Conference
from telemarksplanen.models import Plan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _field(name, **kwargs):
    return Conference._meta.get_field(name).formfield(**kwargs)


class NextEditionForm(forms.Form):
    title = _field("title")
    slug = _field(
        "slug",
        help_text=_("Used in the web addresses of the new edition, e.g. moteplass-2032."),
    )
    start_date = _field("start_date", widget=DATE)
    end_date = _field("end_date", widget=DATE)
    plan = forms.ModelChoiceField(
        label=_("Plan in force"),
        queryset=Plan.objects.none(),
        empty_label=None,
        help_text=_(
            "The goals in focus and the priorities' main goals are carried over by their codes "
            "to this plan."
        ),
    )

    def __init__(self, *args, conference: Conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.order_by("-in_force", "-start_year")
        if not self.is_bound:
            start, end = suggested_dates(conference)
            in_force = Plan.objects.filter(in_force=True).first()
            self.initial.update(
                title=suggested_title(conference),
                slug=suggested_slug(conference),
                start_date=start,
                end_date=end,
                plan=(in_force or conference.plan).pk,
            )
        self.fields["start_date"].help_text = _(
            "Suggested: 52 weeks after this edition, so on the same weekday. The year of the "
            "new edition is the year of its first day."
        )

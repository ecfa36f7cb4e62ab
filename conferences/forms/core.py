from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conferences.domain import ROOM_FIELDS
from conferences.models import Conference, Room, Session
from conferences.validators import validate_goals_in_plan, validate_session_goals
from telemarksplanen.models import Goal, Plan

PROVISIONAL = pgettext_lazy("goal wording", "provisional wording")


class GoalChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, goal):
        if goal.provisional:
            return f"{goal.code} {goal.title} ({PROVISIONAL})"
        return f"{goal.code} {goal.title}"


def goal_queryset():
    return Goal.objects.select_related("focus_area__plan").order_by(
        "focus_area__plan", "focus_area__order", "order", "code"
    )


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConferenceForm(forms.ModelForm):
    goals_in_focus = GoalChoiceField(
        label=_("Main goals in focus"), queryset=Goal.objects.none(), required=False
    )

    class Meta:
        model = Conference
        fields = [
            "title",
            "year",
            "slug",
            "start_date",
            "end_date",
            "venue",
            "description_nb",
            "description_nn",
            "description_en",
            "plan",
            "goals_in_focus",
            "status",
            "capacity",
            "registration_opens",
            "registration_closes",
            "registration_changes_until",
            "invitation_only",
            "places_per_organisation",
            "places_per_municipality",
            "offer_hours",
            "call_opens",
            "call_closes",
            "call_guidance_nb",
            "call_guidance_nn",
            "call_guidance_en",
            "changes_lock",
            "programme_shared",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "registration_opens": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "registration_closes": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description_nb": forms.Textarea(attrs={"rows": 4}),
            "description_nn": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "registration_changes_until": DATETIME,
            "call_opens": DATETIME,
            "call_closes": DATETIME,
            "changes_lock": DATETIME,
            "call_guidance_nb": forms.Textarea(attrs={"rows": 4}),
            "call_guidance_nn": forms.Textarea(attrs={"rows": 4}),
            "call_guidance_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.order_by("-in_force", "-start_year")
        self.fields["goals_in_focus"].queryset = goal_queryset()
        if not self.instance.pk:
            self.fields["plan"].initial = Plan.objects.filter(in_force=True).first()
        # empty means the usual 48 hours
        self.fields["offer_hours"].required = False

    def clean_offer_hours(self):
        hours = self.cleaned_data.get("offer_hours")
        return hours or Conference._meta.get_field("offer_hours").default

    def clean(self):
        cleaned = super().clean()
        plan = cleaned.get("plan")
        goals = cleaned.get("goals_in_focus") or []
        if plan and self.instance.pk and plan.pk != self.initial.get("plan"):
            tied = Goal.objects.filter(sessions__conference_id=self.instance.pk).exclude(
                focus_area__plan=plan
            )
            if tied.exists():
                self.add_error(
                    "plan",
                    _(
                        "Sessions of this conference are tied to main goals of the current plan. "
                        "Tie them to goals of the new plan first."
                    ),
                )
        if plan and goals:
            try:
                validate_goals_in_plan(goals, plan)
            except forms.ValidationError as error:
                self.add_error("goals_in_focus", error)
        return cleaned

    def model_values(self) -> dict:
        values = {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name not in {"plan", "goals_in_focus"}
        }
        values["plan_id"] = self.cleaned_data["plan"].pk
        return values


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ROOM_FIELDS
        widgets = {
            "accessibility_nb": forms.Textarea(attrs={"rows": 3}),
            "accessibility_nn": forms.Textarea(attrs={"rows": 3}),
            "accessibility_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.conference = conference

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Room.objects.filter(conference=self.instance.conference, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("This conference already has a room called %(name)s."),
                code="room_name_taken",
                params={"name": name},
            )
        return name

    def model_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SessionAdminForm(forms.ModelForm):
    """The admin's session form keeps the rule: content items serve at least one main goal."""

    class Meta:
        model = Session
        fields = [
            "conference",
            "title",
            "abstract",
            "language",
            "format",
            "duration",
            "owner",
            "co_owners",
            "speakers",
            "goals",
            "state",
            "room",
            "start",
            "capacity",
        ]

    def clean(self):
        cleaned = super().clean()
        session_format = cleaned.get("format")
        if session_format:
            try:
                validate_session_goals(session_format, cleaned.get("goals") or [])
            except forms.ValidationError as error:
                self.add_error("goals", error)
        state = cleaned.get("state")
        if self.instance.pk and state and state != self.initial.get("state"):
            from conferences.domain.sessions import TRANSITIONS

            if state not in TRANSITIONS[self.initial["state"]]:
                self.add_error(
                    "state", _("A programme item in this state cannot be moved to that state.")
                )
        conference = cleaned.get("conference")
        if conference and cleaned.get("goals"):
            try:
                validate_goals_in_plan(cleaned["goals"], conference.plan)
            except forms.ValidationError as error:
                self.add_error("goals", error)
        return cleaned


class AddPartnersForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one organisation.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = candidates

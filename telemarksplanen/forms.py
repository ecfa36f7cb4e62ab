from django import forms

from telemarksplanen.domain import EDITABLE_GOAL_FIELDS
from telemarksplanen.models import Goal


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = EDITABLE_GOAL_FIELDS
        widgets = {
            "description_nb": forms.Textarea(attrs={"rows": 4}),
            "description_nn": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

"""Forms of the follow-up: a priority, a commitment and a commitment's status.

The forms only read what was sent; every rule (at least one main goal, exactly one responsible
party, a due date from the conference on, a note with every status change, no stale change) is
checked by conferences.domain.followup, whose messages the views put next to the field."""

from __future__ import annotations

from django import forms
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conferences.domain.followup import TEXT_FIELDS
from conferences.enums import CommitmentState
from conferences.models import Commitment, Priority
from conferences.models.followup import DESCRIPTION_MAX, NOTE_MAX, TITLE_MAX
from moteplass.i18n import weekday_date

ORGANISATION = "organisation"
NETWORK = "network"


def _text_field(model, name: str) -> forms.CharField:
    """A title or description field with the model's label and limit; empty is allowed here (the
    domain asks for a title in bokmål or nynorsk)."""
    model_field = model._meta.get_field(name)
    if name.startswith("title"):
        return forms.CharField(
            label=capfirst(model_field.verbose_name),
            max_length=TITLE_MAX,
            required=False,
        )
    return forms.CharField(
        label=capfirst(model_field.verbose_name),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def option_groups(bound_field, groups) -> list[dict]:
    """Checkbox groups for a multiple-choice field, one fieldset each: ``groups`` is
    ``[(legend, swatch class or "", [(value, label, lang or "")])]``. The ids count on across the
    groups, so ``<id>_0`` is the first box (the error summary links to it)."""
    value = bound_field.value() or []
    chosen = {str(getattr(item, "pk", item)) for item in value}
    index = 0
    rows = []
    for legend, swatch, options in groups:
        boxes = []
        for option_value, label, lang in options:
            boxes.append(
                {
                    "value": option_value,
                    "label": label,
                    "lang": lang,
                    "id": f"{bound_field.auto_id}_{index}",
                    "checked": str(option_value) in chosen,
                }
            )
            index += 1
        if boxes:
            rows.append({"legend": legend, "swatch": swatch, "options": boxes})
    return rows


class ObjectChoiceField(forms.TypedChoiceField):
    """A choice among objects given as a list, with optional groups (``<optgroup>``); cleans to
    the object itself."""

    def __init__(self, *, objects, groups=None, empty_label="", **kwargs):
        self.objects = {str(obj.pk): obj for obj in objects}
        choices = groups if groups is not None else [(str(o.pk), str(o)) for o in objects]
        super().__init__(
            choices=[("", empty_label), *choices],
            coerce=lambda value: self.objects[value],
            empty_value=None,
            **kwargs,
        )


class ObjectMultipleChoiceField(forms.TypedMultipleChoiceField):
    def __init__(self, *, objects, **kwargs):
        self.objects = {str(obj.pk): obj for obj in objects}
        super().__init__(
            choices=[(str(o.pk), str(o)) for o in objects],
            coerce=lambda value: self.objects[value],
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


def missing_title(form, data: dict, model) -> None:
    """A title in bokmål or nynorsk is needed (the model's own message)."""
    titled = (data.get("title_nb") or "").strip() or (data.get("title_nn") or "").strip()
    if not titled and "title_nb" not in form.errors:
        form.add_error("title_nb", model.title_missing)


# --- priority ------------------------------------------------------------------------------------


class PriorityForm(forms.Form):
    title_nb = _text_field(Priority, "title_nb")
    title_nn = _text_field(Priority, "title_nn")
    title_en = _text_field(Priority, "title_en")
    description_nb = _text_field(Priority, "description_nb")
    description_nn = _text_field(Priority, "description_nn")
    description_en = _text_field(Priority, "description_en")
    order = forms.IntegerField(
        label=_("Place in the list"),
        required=False,
        min_value=0,
        max_value=32767,
        help_text=_("Priorities are listed by this number. Leave it empty to put a new one last."),
    )

    def __init__(self, data=None, *, goals, sessions, initial=None):
        super().__init__(data, initial=initial)
        self._goals = list(goals)
        self._sessions = list(sessions)
        self.fields["goals"] = ObjectMultipleChoiceField(
            objects=self._goals,
            label=_("Main goals"),
            help_text=_(
                "Which main goals of the plan does the priority serve? Choose at least one."
            ),
            required=False,
            error_messages={"invalid_choice": _("Choose main goals of the conference's plan.")},
        )
        self.fields["sessions"] = ObjectMultipleChoiceField(
            objects=self._sessions,
            label=_("Discussed in the sessions"),
            help_text=_("The accepted programme items where the priority was discussed, if any."),
            required=False,
            error_messages={"invalid_choice": _("Choose sessions of this conference.")},
        )
        self.order_fields([*TEXT_FIELDS, "goals", "sessions", "order"])

    def goal_groups(self) -> list[dict]:
        """The goals in one fieldset per focus area, with the area's colour."""
        areas: dict[int, tuple] = {}
        for goal in self._goals:
            area = goal.focus_area
            entry = areas.setdefault(area.pk, (area.title, f"area-colour-{area.pk}", []))
            entry[2].append((goal.pk, f"{goal.code} {goal.title}", ""))
        return option_groups(self["goals"], list(areas.values()))

    def session_groups(self) -> list[dict]:
        """The sessions in one fieldset per day (those not in the timetable last)."""
        days: dict = {}
        for session in self._sessions:
            if session.start is not None:
                start = timezone.localtime(session.start)
                legend = weekday_date(start)
                label = f"{formats.time_format(start, 'H:i')} {session.title}"
            else:
                legend, label = str(NOT_SCHEDULED), session.title
            days.setdefault(legend, (legend, "", []))[2].append(
                (session.pk, label, session.language)
            )
        return option_groups(self["sessions"], list(days.values()))

    def clean(self):
        """What is missing, all at once (the domain checks the rules when it saves)."""
        data = super().clean()
        missing_title(self, data, Priority)
        if "goals" in data and not data["goals"]:
            self.add_error("goals", _("Choose at least one main goal the priority serves."))
        return data

    def values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in TEXT_FIELDS}
        if self.cleaned_data.get("order") is not None:
            values["order"] = self.cleaned_data["order"]
        return values


NOT_SCHEDULED = pgettext_lazy("sessions", "Not in the timetable")


def priority_initial(priority: Priority) -> dict:
    initial = {name: getattr(priority, name) for name in TEXT_FIELDS}
    initial["order"] = priority.order
    initial["goals"] = [goal.pk for goal in priority.goals.all()]
    initial["sessions"] = [session.pk for session in priority.sessions.all()]
    return initial


# --- commitment ----------------------------------------------------------------------------------


class CommitmentForm(forms.Form):
    title_nb = _text_field(Commitment, "title_nb")
    title_nn = _text_field(Commitment, "title_nn")
    title_en = _text_field(Commitment, "title_en")
    description_nb = _text_field(Commitment, "description_nb")
    description_nn = _text_field(Commitment, "description_nn")
    description_en = _text_field(Commitment, "description_en")
    responsible_kind = forms.ChoiceField(
        label=_("Who is responsible"),
        choices=[(ORGANISATION, _("An organisation")), (NETWORK, _("A network"))],
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "One organisation or one network answers for the commitment. For a network, the "
            "people of its coordinating organisation update the status."
        ),
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("From the first day of the conference on."),
    )

    def __init__(self, data=None, *, organisations, partner_ids, networks, initial=None):
        super().__init__(data, initial=initial)
        organisations = list(organisations)
        partners = [org for org in organisations if org.pk in partner_ids]
        others = [org for org in organisations if org.pk not in partner_ids]
        self._partners, self._others = partners, others
        groups = [
            (str(PARTNER_GROUP), [(str(o.pk), o.name) for o in partners]),
            (str(OTHER_GROUP), [(str(o.pk), o.name) for o in others]),
        ]
        self.fields["responsible_organisation"] = ObjectChoiceField(
            objects=organisations,
            groups=[group for group in groups if group[1]],
            label=_("Responsible organisation"),
            empty_label=_("Choose an organisation"),
            required=False,
        )
        self.fields["responsible_network"] = ObjectChoiceField(
            objects=list(networks),
            label=_("Responsible network"),
            empty_label=_("Choose a network"),
            required=False,
        )
        self.fields["contributors"] = ObjectMultipleChoiceField(
            objects=organisations,
            label=_("Contributing organisations"),
            help_text=_("Organisations that help the responsible party, if any."),
            required=False,
        )
        # the fields in reading order
        order = [*TEXT_FIELDS, "responsible_kind", "responsible_organisation"]
        self.order_fields([*order, "responsible_network", "contributors", "due_date"])

    def contributor_groups(self) -> list[dict]:
        return option_groups(
            self["contributors"],
            [
                (str(PARTNER_GROUP), "", [(o.pk, o.name, "") for o in self._partners]),
                (str(OTHER_GROUP), "", [(o.pk, o.name, "") for o in self._others]),
            ],
        )

    def clean(self):
        """What is missing, all at once (the domain checks the rules when it saves)."""
        data = super().clean()
        missing_title(self, data, Commitment)
        kind = data.get("responsible_kind")
        chosen = {
            ORGANISATION: data.get("responsible_organisation"),
            NETWORK: data.get("responsible_network"),
        }
        if not kind and not any(chosen.values()) or kind and not chosen[kind]:
            field = "responsible_network" if kind == NETWORK else "responsible_organisation"
            if field not in self.errors:
                self.add_error(
                    field, _("Choose the organisation or the network that is responsible.")
                )
        if "due_date" in data and data["due_date"] is None and "due_date" not in self.errors:
            self.add_error("due_date", _("Give the date the commitment is due."))
        return data

    def values(self) -> dict:
        """The values for save_commitment: the radio decides which of the two choices counts;
        without it, both are passed on as chosen (and the domain says what is wrong)."""
        data = self.cleaned_data
        values = {name: data[name] for name in TEXT_FIELDS}
        organisation = data.get("responsible_organisation")
        network = data.get("responsible_network")
        kind = data.get("responsible_kind")
        if kind == ORGANISATION:
            network = None
        elif kind == NETWORK:
            organisation = None
        values["responsible_organisation"] = organisation
        values["responsible_network"] = network
        values["due_date"] = data.get("due_date")
        return values

    def error_field(self, field: str | None) -> str | None:
        """The form field for a message of the domain about ``field``."""
        if field == "responsible_organisation" and self.cleaned_data.get("responsible_kind") == (
            NETWORK
        ):
            return "responsible_network"
        return field if field in self.fields else None


PARTNER_GROUP = _("Partners of the conference")
OTHER_GROUP = _("Other organisations")


def commitment_initial(commitment: Commitment) -> dict:
    initial = {name: getattr(commitment, name) for name in TEXT_FIELDS}
    initial["responsible_kind"] = NETWORK if commitment.responsible_network_id else ORGANISATION
    initial["responsible_organisation"] = commitment.responsible_organisation_id
    initial["responsible_network"] = commitment.responsible_network_id
    initial["contributors"] = [org.pk for org in commitment.contributors.all()]
    initial["due_date"] = commitment.due_date
    return initial


# --- status --------------------------------------------------------------------------------------


class StatusForm(forms.Form):
    """A new status with the note that explains it. ``seen`` is the status the page showed: if
    someone changed it meanwhile, the change is refused."""

    state = forms.ChoiceField(
        label=_("Status"),
        choices=[(state, CommitmentState(state).label) for state in CommitmentState.chosen()],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the statuses."),
            "invalid_choice": _("Choose one of the statuses."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX}),
        help_text=_(
            "What has happened since the last update? Keep it short: at most 1,000 characters. "
            "Everyone who can see the commitment reads it."
        ),
        error_messages={"required": _("Write a short note on what has happened.")},
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

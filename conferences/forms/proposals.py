"""Forms of the partner area: a proposal with its main goals, speakers and co-owners, and the
comment form. They only check input; ``conferences.domain.proposals`` writes it."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from conferences.domain.proposals import FIELDS
from conferences.enums import SessionFormat
from conferences.models import Session
from conferences.models.core import ABSTRACT_MAX
from conferences.models.review import COMMENT_MAX
from conferences.validators import validate_session_goals
from partners.models import Network, Organisation
from telemarksplanen.models import Goal

MAX_SPEAKERS = 20
EXTRA_SPEAKER_ROWS = 3


class TextField(forms.CharField):
    """Text whose line breaks count as one character, as the browser counted them against
    ``maxlength`` (it sends them as two), before the length is checked."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


def _model_field(name: str, **kwargs):
    return Session._meta.get_field(name).formfield(**kwargs)


def too_long(what):
    """The message for text over its limit (``what``: a lazy message with the placeholders)."""
    return {"max_length": what}


class SpeakerForm(forms.Form):
    """One speaker: a name is enough, nobody needs an account. An empty row is left out."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={"invalid": _("Enter the speaker's email address, e.g. navn@example.no.")},
    )

    def clean(self):
        cleaned = super().clean()
        filled = any(cleaned.get(name) for name in ("title", "organisation", "email"))
        if filled and not cleaned.get("name") and "name" not in self.errors:
            self.add_error("name", _("Give the speaker's name, or empty the whole row."))
        return cleaned

    def row(self) -> dict | None:
        """The speaker as a content row, or None for an empty row."""
        data = getattr(self, "cleaned_data", None) or {}
        row = {name: (data.get(name) or "").strip() for name in self.fields if name != "DELETE"}
        return row if any(row.values()) else None


class BaseSpeakerFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this speaker")

    def rows(self) -> list[dict]:
        rows = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            row = form.row()
            if row is not None:
                rows.append(row)
        return rows


SpeakerFormSet = forms.formset_factory(
    SpeakerForm,
    formset=BaseSpeakerFormSet,
    extra=EXTRA_SPEAKER_ROWS,
    can_delete=True,
    max_num=MAX_SPEAKERS,
    validate_max=True,
    absolute_max=MAX_SPEAKERS + EXTRA_SPEAKER_ROWS,
)


class NetworkChoiceField(forms.ModelChoiceField):
    """Networks by name; a network the proposing organisation is a member of says so (the
    queryset, ``partners.queries.network_choices``, lists those first)."""

    def label_from_instance(self, network):
        members = getattr(network, "members_here", None)
        if members:
            return _("%(network)s (member: %(organisations)s)") % {
                "network": network.name,
                "organisations": ", ".join(organisation.name for organisation in members),
            }
        return network.name


class ProposalForm(forms.Form):
    """A proposal. ``owners`` (create only): the organisations the person may propose for;
    with one, the choice is fixed. ``partners``: the conference's partner organisations, the
    possible co-owners. ``formats``: the formats the person may choose. ``networks``: the
    networks that may run the item (none: no network field)."""

    template_name = "conferences/partner/proposal_form_fields.html"

    key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    owner = forms.ModelChoiceField(
        label=_("Proposed by"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("The organisation that owns the proposal."),
        error_messages={
            "invalid_choice": _(
                "Choose one of your organisations that take part in the conference."
            )
        },
    )
    title = _model_field("title")
    abstract = _model_field(
        "abstract",
        form_class=TextField,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages=too_long(
            _(
                "The abstract is too long: it may have at most %(limit_value)d characters, it "
                "has %(show_value)d."
            )
        ),
    )
    format = _model_field(
        "format",
        error_messages={"invalid_choice": _("Choose one of the formats in the list.")},
    )
    duration = _model_field(
        "duration",
        label=_("Desired length (minutes)"),
        initial=45,
        help_text=_("How long the item should last, in minutes."),
    )
    audience = _model_field(
        "audience", help_text=_("Who the item is for, e.g. municipal planners or businesses.")
    )
    language = _model_field("language")
    goals = forms.ModelMultipleChoiceField(
        label=_("Main goals"),
        queryset=Goal.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which main goals of the plan does the item serve? Choose at least one."),
        error_messages={"invalid_choice": _("Choose main goals from the conference's plan.")},
    )
    co_owners = forms.ModelMultipleChoiceField(
        label=_("Co-owner organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Partner organisations that share the proposal: their members may edit it."),
    )
    network = NetworkChoiceField(
        label=_("Network"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("No network"),
        help_text=_(
            "The network (fagnettverk) that runs the item, if any. The networks your "
            "organisation is a member of come first."
        ),
        error_messages={"invalid_choice": _("Choose one of the networks in the list.")},
    )
    needs = _model_field(
        "needs",
        form_class=TextField,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=too_long(
            _(
                "The needs are too long: they may have at most %(limit_value)d characters, "
                "they have %(show_value)d."
            )
        ),
        help_text=_("Room setup, equipment, accessibility."),
    )

    def __init__(
        self,
        data=None,
        *,
        goals,
        partners,
        formats,
        owners=None,
        speakers=None,
        initial=None,
        networks=None,
        **kwargs,
    ):
        super().__init__(data, initial=initial, **kwargs)
        self.no_owner = False
        self.fields["goals"].queryset = goals
        self._goals = list(goals)
        self.fields["format"].choices = [("", _("Choose a format")), *formats]
        self.fields["abstract"].required = True
        self.fields["duration"].widget.attrs.update({"min": 1, "max": 24 * 60})
        self.fields["abstract"].help_text = _(
            "What the item is about and what participants take home. At most %(max)d characters."
        ) % {"max": ABSTRACT_MAX}
        if owners is None:
            del self.fields["owner"]
            del self.fields["key"]
            owner_id = (initial or {}).get("owner")
            self.fields["co_owners"].queryset = partners.exclude(pk=owner_id)
        else:
            self.fields["owner"].queryset = owners
            choices = list(owners)
            self.no_owner = not choices
            if len(choices) == 1:
                self.fields["owner"].widget = forms.HiddenInput()
                self.fields["owner"].initial = choices[0].pk
                self.fields["co_owners"].queryset = partners.exclude(pk=choices[0].pk)
            else:
                self.fields["co_owners"].queryset = partners
            if not self.is_bound and not self.initial.get("key"):
                self.initial["key"] = uuid.uuid4()
        if networks is None:
            del self.fields["network"]
        else:
            self.fields["network"].queryset = networks
        self.speakers = SpeakerFormSet(data, initial=speakers, prefix="speakers")
        if not self.fields["co_owners"].queryset.exists():
            del self.fields["co_owners"]

    # validation

    def clean(self):
        cleaned = super().clean()
        if "goals" in cleaned:
            # without a (valid) format, assume a content item: the goal rule is reported at once
            try:
                validate_session_goals(cleaned.get("format") or "", cleaned["goals"])
            except forms.ValidationError as error:
                self.add_error("goals", error)
        if self.no_owner:
            self.add_error(
                None,
                _("The conference has no partner organisations yet, so nobody can own a proposal."),
            )
        owner = cleaned.get("owner")
        if owner is not None and owner in (cleaned.get("co_owners") or []):
            self.add_error(
                "co_owners",
                _("%(name)s owns the proposal, so it cannot also be a co-owner.")
                % {"name": owner.name},
            )
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        speakers_valid = self.speakers.is_valid()
        return valid and speakers_valid

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or self.speaker_errors() != []

    def speaker_errors(self) -> list[tuple[str, str]]:
        """The speakers' errors for the error summary: (id of the field, message)."""
        if not self.speakers.is_bound:
            return []
        rows = [
            (f"id_{self.speakers.prefix}-0-name", str(error))
            for error in self.speakers.non_form_errors()
        ]
        for number, form in enumerate(self.speakers.forms, start=1):
            for name, errors in form.errors.items():
                field = form[name if name in form.fields else "name"]
                for error in errors:
                    message = _("Speaker %(number)d, %(field)s: %(error)s") % {
                        "number": number,
                        "field": str(field.label).lower(),
                        "error": error,
                    }
                    rows.append((field.id_for_label, message))
        return rows

    # reading

    def goal_groups(self) -> list[tuple]:
        """[(focus area, [(goal, id, checked)])] for the goal checkboxes, one fieldset per focus
        area. The ids count on across the groups (id_goals_0 is the first goal)."""
        value = self["goals"].value() or []
        chosen = {str(code.code if hasattr(code, "code") else code) for code in value}
        groups: dict[int, tuple] = {}
        for index, goal in enumerate(self._goals):
            option = (goal, f"{self['goals'].auto_id}_{index}", goal.code in chosen)
            groups.setdefault(goal.focus_area_id, (goal.focus_area, []))[1].append(option)
        return list(groups.values())

    def content(self) -> dict:
        """The proposal's content for ``conferences.domain.proposals``."""
        content = {name: self.cleaned_data[name] for name in FIELDS}
        content["goals"] = list(self.cleaned_data.get("goals") or [])
        content["speakers"] = self.speakers.rows()
        if "co_owners" in self.fields:
            content["co_owners"] = list(self.cleaned_data.get("co_owners") or [])
        if "network" in self.fields:
            content["network"] = self.cleaned_data.get("network")
        return content

    def disable(self) -> None:
        """Read-only: every field and speaker row disabled."""
        for field in self.fields.values():
            field.disabled = True
        for form in self.speakers.forms:
            for field in form.fields.values():
                field.disabled = True


def partner_formats(current: str | None = None) -> list[tuple[str, str]]:
    """Partners propose content items; an item an adviser made keeps its own format."""
    content = set(SessionFormat.values) - SessionFormat.without_content()
    return [
        (value, label)
        for value, label in SessionFormat.choices
        if value in content or value == current
    ]


def all_formats() -> list[tuple[str, str]]:
    return list(SessionFormat.choices)


class CommentForm(forms.Form):
    """A comment on a proposal. ``internal`` counts only for the conference's advisers."""

    text = TextField(
        label=_("Comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write a comment before saving it."),
            "max_length": _(
                "The comment is too long: it may have at most %(limit_value)d characters, it "
                "has %(show_value)d."
            ),
        },
    )
    internal = forms.BooleanField(label=_("Internal note – only advisers see this"), required=False)


class StateForm(forms.Form):
    """A partner's move of a proposal (submit, withdraw, back to draft) or the withdrawal of
    their open change request."""

    state = forms.ChoiceField(
        required=False,
        choices=[("submitted", "submitted"), ("withdrawn", "withdrawn"), ("draft", "draft")],
    )
    change_request = forms.ChoiceField(required=False, choices=[("withdrawn", "withdrawn")])

    def clean(self):
        cleaned = super().clean()
        if not self.errors and bool(cleaned.get("state")) == bool(cleaned.get("change_request")):
            raise forms.ValidationError(_("Choose what to do with the proposal."))
        return cleaned

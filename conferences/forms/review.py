"""Forms of the advisers' review: the list's filters, decisions on proposals and change requests,
and the comment form (posted to the partner area's comment view, which checks it again)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from conferences.domain.sessions import TRANSITIONS
from conferences.enums import ChangeRequestState, SessionFormat, SessionState
from conferences.forms.proposals import CommentForm
from conferences.models.review import COMMENT_MAX
from conferences.queries.review import ALL_STATES

S = SessionState
# What an adviser decides about a proposal. Submitting, pulling back to draft and withdrawing
# are the partner's moves.
ADVISER_DECISIONS = (S.ACCEPTED, S.CHANGES_REQUESTED, S.DECLINED)
DECISION_LABELS = {
    S.ACCEPTED: _("Accept"),
    S.CHANGES_REQUESTED: _("Ask for changes"),
    S.DECLINED: _("Decline"),
}


def decisions_for(state: str) -> list[tuple[str, str]]:
    """The decisions an adviser may take on a proposal in ``state``, as form choices."""
    return [
        (decision.value, DECISION_LABELS[decision])
        for decision in ADVISER_DECISIONS
        if decision in TRANSITIONS[state]
    ]


def _all(label=None):
    return [("", label or pgettext_lazy("filter", "All"))]


class ReviewFilterForm(forms.Form):
    """The review list's filters (GET). A value that does not fit is left out of the filtering
    and shown as an error; the other filters still apply."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in the title, abstract or audience, or a speaker's name."),
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            *_all(_("All except drafts")),
            (ALL_STATES, _("All, drafts included")),
            *S.choices,
        ],
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[*_all(), *SessionFormat.choices]
    )
    focus_area = forms.ChoiceField(label=_("Focus area"), required=False)
    goal = forms.ChoiceField(label=_("Main goal"), required=False)
    partner = forms.ChoiceField(label=_("Partner"), required=False)

    def __init__(self, *args, goals, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        areas, grouped = {}, {}
        for goal in goals:
            area = goal.focus_area
            areas[area.code] = f"{area.code} {area.title}"
            grouped.setdefault(areas[area.code], []).append(
                (goal.code, f"{goal.code} {goal.title}")
            )
        self.fields["focus_area"].choices = [*_all(), *areas.items()]
        self.fields["goal"].choices = [*_all(), *grouped.items()]
        self.fields["partner"].choices = [
            *_all(),
            *((organisation.slug, organisation.name) for organisation in organisations),
        ]

    def filters(self) -> dict[str, str]:
        """The valid, non-empty filter values (``cleaned_data`` keeps only the valid fields)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class DecisionForm(forms.Form):
    """An adviser's decision on a proposal. ``seen_state`` is the state the adviser saw: a
    decision on a proposal that another adviser or the partner has moved meanwhile is refused."""

    state = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[(decision.value, DECISION_LABELS[decision]) for decision in ADVISER_DECISIONS],
    )
    note = forms.CharField(
        label=_("Message to the partner"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Sent by email with the decision to the members of the owning organisations. "
            "Required when you ask for changes: say what to change."
        ),
    )
    seen_state = forms.ChoiceField(choices=S.choices, widget=forms.HiddenInput)

    def __init__(self, *args, session, **kwargs):
        kwargs.setdefault("initial", {"seen_state": session.state})
        super().__init__(*args, **kwargs)
        self.offered = decisions_for(session.state)
        if not self.is_bound:
            self.fields["state"].choices = self.offered

    def show_offered(self) -> None:
        """Show only the decisions the proposal's current state allows (after validation)."""
        self.fields["state"].choices = self.offered

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == S.CHANGES_REQUESTED and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Say what the partner should change."))
        return cleaned


class ChangeRequestDecisionForm(forms.Form):
    """Approve or reject a change request. ``version`` identifies the proposed values the adviser
    saw: if the partner changed the request meanwhile, the decision is refused."""

    state = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ChangeRequestState.APPROVED.value, _("Approve")),
            (ChangeRequestState.REJECTED.value, _("Reject")),
        ],
    )
    reason = forms.CharField(
        label=_("Message to the partner"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent by email with the decision. Required when you reject the change."),
    )
    version = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean(self):
        cleaned = super().clean()
        rejected = cleaned.get("state") == ChangeRequestState.REJECTED
        if rejected and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the change is rejected."))
        return cleaned


class ReviewCommentForm(CommentForm):
    """The partner area's comment form as advisers see it on the review page (it posts there)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _(
            "The owning partners see comments, unless you make it an internal note."
        )

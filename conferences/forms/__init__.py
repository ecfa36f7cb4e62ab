from conferences.forms.core import (
    AddPartnersForm,
    ConferenceForm,
    GoalChoiceField,
    RoomForm,
    SessionAdminForm,
)
from conferences.forms.proposals import CommentForm, ProposalForm, StateForm
from conferences.forms.review import (
    ChangeRequestDecisionForm,
    DecisionForm,
    ReviewCommentForm,
    ReviewFilterForm,
)

__all__ = [
    "AddPartnersForm",
    "ChangeRequestDecisionForm",
    "CommentForm",
    "ConferenceForm",
    "DecisionForm",
    "GoalChoiceField",
    "ProposalForm",
    "ReviewCommentForm",
    "ReviewFilterForm",
    "RoomForm",
    "SessionAdminForm",
    "StateForm",
]

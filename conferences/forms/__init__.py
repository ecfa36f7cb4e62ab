from conferences.forms.core import (
    AddPartnersForm,
    ConferenceForm,
    GoalChoiceField,
    RoomForm,
    SessionAdminForm,
)

__all__ = ["AddPartnersForm", "ConferenceForm", "GoalChoiceField", "RoomForm", "SessionAdminForm"]
from conferences.forms.review import (  # noqa: E402
    ChangeRequestDecisionForm,
    DecisionForm,
    ReviewCommentForm,
    ReviewFilterForm,
)

__all__ += ["ChangeRequestDecisionForm", "DecisionForm", "ReviewCommentForm", "ReviewFilterForm"]
from conferences.forms.proposals import CommentForm, ProposalForm, StateForm  # noqa: E402

__all__ += ["CommentForm", "ProposalForm", "StateForm"]

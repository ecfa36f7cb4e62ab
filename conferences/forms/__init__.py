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
from conferences.forms.schedule import PdfForm, PlaceForm, PublishForm, SlotForm

__all__ = [
    "AddPartnersForm",
    "ChangeRequestDecisionForm",
    "CommentForm",
    "ConferenceForm",
    "DecisionForm",
    "GoalChoiceField",
    "PdfForm",
    "PlaceForm",
    "ProposalForm",
    "PublishForm",
    "ReviewCommentForm",
    "ReviewFilterForm",
    "RoomForm",
    "SessionAdminForm",
    "SlotForm",
    "StateForm",
]

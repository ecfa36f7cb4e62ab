from conferences.forms.core import (
    AddPartnersForm,
    ConferenceForm,
    GoalChoiceField,
    RoomForm,
    SessionAdminForm,
)

__all__ = ["AddPartnersForm", "ConferenceForm", "GoalChoiceField", "RoomForm", "SessionAdminForm"]

from conferences.forms.core import ConferenceForm, GoalChoiceField, RoomForm, SessionAdminForm

__all__ = ["ConferenceForm", "GoalChoiceField", "RoomForm", "SessionAdminForm"]

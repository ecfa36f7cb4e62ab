"""Invitation lists (advisers of the conference only) and the public answer link (issue 3)."""

from django.urls import path

from conferences.views import answer, invitations

LIST = "adviser/conferences/<slug:slug>/invitations/"

urlpatterns = [
    path(LIST, invitations.InvitationListView.as_view(), name="invitations"),
    path(LIST + "import/", invitations.InvitationImportView.as_view(), name="invitation_import"),
    path(LIST + "members/", invitations.InvitationMembersView.as_view(), name="invitation_members"),
    path(LIST + "draft/", invitations.DraftInvitationsView.as_view(), name="invitation_draft"),
    path(
        LIST + "reminders/",
        invitations.DraftRemindersView.as_view(),
        name="invitation_reminders",
    ),
    path(LIST + "<int:pk>/", invitations.InvitationDetailView.as_view(), name="invitation_detail"),
    path(
        "invitation/<str:token>/",
        answer.InvitationAnswerView.as_view(),
        name="invitation_answer",
    ),
]

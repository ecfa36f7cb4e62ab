"""The follow-up of a conference (issue 7): priorities and commitments, recorded by the advisers
and updated through the year by the responsible organisations."""

from django.urls import path

from conferences.views import followup

FOLLOWUP = "adviser/conferences/<slug:slug>/followup/"

urlpatterns = [
    path(FOLLOWUP, followup.FollowUpView.as_view(), name="followup"),
    path(
        FOLLOWUP + "priorities/new/",
        followup.PriorityFormView.as_view(),
        name="priority_add",
    ),
    path(
        FOLLOWUP + "priorities/<int:pk>/",
        followup.PriorityFormView.as_view(),
        name="priority_edit",
    ),
    path(
        FOLLOWUP + "priorities/<int:pk>/commitments/new/",
        followup.CommitmentFormView.as_view(creating=True),
        name="commitment_add",
    ),
    path(
        FOLLOWUP + "commitments/<int:pk>/edit/",
        followup.CommitmentFormView.as_view(),
        name="commitment_edit",
    ),
    path(
        "followup/<slug:slug>/commitments/<int:pk>/",
        followup.CommitmentDetailView.as_view(),
        name="commitment_detail",
    ),
    # Not "partner/commitments/": partner/<slug:slug>/ (the partner dashboard, included first)
    # would answer it.
    path(
        "partner/followup/commitments/",
        followup.MyCommitmentsView.as_view(),
        name="my_commitments",
    ),
]

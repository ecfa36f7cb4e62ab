"""The partner area: a conference's partners propose and co-edit programme items."""

from django.urls import path

from conferences.views import proposals

urlpatterns = [
    path("partner/", proposals.PartnerHomeView.as_view(), name="partner_home"),
    path(
        "partner/<slug:slug>/", proposals.PartnerDashboardView.as_view(), name="partner_dashboard"
    ),
    path(
        "partner/<slug:slug>/proposals/new/",
        proposals.ProposalCreateView.as_view(),
        name="proposal_create",
    ),
    path(
        "partner/<slug:slug>/proposals/<int:pk>/",
        proposals.ProposalDetailView.as_view(),
        name="proposal_detail",
    ),
    path(
        "partner/<slug:slug>/proposals/<int:pk>/edit/",
        proposals.ProposalEditView.as_view(),
        name="proposal_edit",
    ),
    path(
        "partner/<slug:slug>/proposals/<int:pk>/state/",
        proposals.ProposalStateView.as_view(),
        name="proposal_state",
    ),
    path(
        "partner/<slug:slug>/proposals/<int:pk>/comments/",
        proposals.ProposalCommentView.as_view(),
        name="proposal_comment",
    ),
]

"""Partner organisations' members: coordinators (and the conference's advisers) invite people.
The networks' public pages."""

from django.urls import path

from partners import views

urlpatterns = [
    path(
        "organisations/<slug:slug>/members/",
        views.MemberListView.as_view(),
        name="organisation_members",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/",
        views.MemberEditView.as_view(),
        name="member_edit",
    ),
    path("join/<str:token>/", views.MemberInvitationAcceptView.as_view(), name="member_join"),
    path("networks/", views.NetworkListView.as_view(), name="networks"),
    path("networks/<slug:slug>/", views.NetworkDetailView.as_view(), name="network_detail"),
]

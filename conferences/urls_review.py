"""Advisers review the proposals of a conference."""

from django.urls import path

from conferences.views import review

urlpatterns = [
    path(
        "adviser/conferences/<slug:slug>/review/",
        review.ReviewOverviewView.as_view(),
        name="review_overview",
    ),
    path(
        "adviser/conferences/<slug:slug>/proposals/",
        review.ReviewListView.as_view(),
        name="review_list",
    ),
    path(
        "adviser/conferences/<slug:slug>/proposals/<int:pk>/",
        review.ReviewDetailView.as_view(),
        name="review_detail",
    ),
    path(
        "adviser/conferences/<slug:slug>/change-requests/<int:pk>/",
        review.ChangeRequestView.as_view(),
        name="change_request_review",
    ),
]

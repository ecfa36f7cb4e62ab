"""The audit log: a conference's (its advisers only) and the county's (advisers)."""

from django.urls import path

from conferences.views import audit

urlpatterns = [
    path(
        "adviser/conferences/<slug:slug>/log/",
        audit.ActivityLogView.as_view(),
        name="activity_log",
    ),
    path("adviser/log/", audit.CountyActivityLogView.as_view(), name="activity_log_all"),
]

"""The advisers' dashboard of one conference with the exports of its tables, and the
cross-edition view of what each edition did for each hovedmål (issue 7)."""

from django.urls import path

from conferences.views import dashboard

DASHBOARD = "adviser/conferences/<slug:slug>/dashboard/"

urlpatterns = [
    path(DASHBOARD, dashboard.ConferenceDashboardView.as_view(), name="conference_dashboard"),
    path(
        DASHBOARD + "<str:table>.<str:fmt>",
        dashboard.DashboardExportView.as_view(),
        name="dashboard_export",
    ),
    path("adviser/editions/", dashboard.EditionsOverviewView.as_view(), name="editions_overview"),
    path(
        "adviser/editions.<str:fmt>", dashboard.EditionsExportView.as_view(), name="editions_export"
    ),
]

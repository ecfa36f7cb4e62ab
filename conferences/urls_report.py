"""The follow-up report: public (once published) and the advisers' page to publish it."""

from django.urls import path

from conferences.views import report

PUBLIC = "followup/<slug:slug>/"
ADVISER = "adviser/conferences/<slug:slug>/followup/report/"

urlpatterns = [
    path(f"{PUBLIC}report/", report.followup_report, name="followup_report"),
    path(
        f"{PUBLIC}report-<str:language>.pdf",
        report.followup_report_pdf,
        name="followup_report_pdf",
    ),
    path(f"{PUBLIC}report.json", report.followup_report_json, name="followup_report_json"),
    path(ADVISER, report.ReportManageView.as_view(), name="report_manage"),
    path(
        f"{ADVISER}<str:language>/status/",
        report.ReportPdfStatusView.as_view(),
        name="report_pdf_status",
    ),
]

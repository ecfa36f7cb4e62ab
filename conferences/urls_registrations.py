"""The advisers' registration pages of a conference, and the partner coordinator's list of their
own organisation's registrations (issue 6)."""

from django.urls import path

from conferences.views import registrations

LIST = "adviser/conferences/<slug:slug>/registrations/"

urlpatterns = [
    path(LIST, registrations.RegistrationListView.as_view(), name="registrations"),
    path(
        LIST + "summary/",
        registrations.RegistrationSummaryView.as_view(),
        name="registrations_summary",
    ),
    path(
        LIST + "export.csv",
        registrations.RegistrationExportView.as_view(kind="csv"),
        name="registrations_csv",
    ),
    path(
        LIST + "export.xlsx",
        registrations.RegistrationExportView.as_view(kind="xlsx"),
        name="registrations_xlsx",
    ),
    path(
        LIST + "catering.csv",
        registrations.CateringExportView.as_view(kind="csv"),
        name="registrations_catering_csv",
    ),
    path(
        LIST + "catering.xlsx",
        registrations.CateringExportView.as_view(kind="xlsx"),
        name="registrations_catering_xlsx",
    ),
    path(LIST + "add/", registrations.RegistrationAddView.as_view(), name="registration_add"),
    path(
        LIST + "<int:pk>/",
        registrations.RegistrationDetailView.as_view(),
        name="registration_detail",
    ),
    path(
        "partner/conferences/<slug:slug>/registrations/",
        registrations.PartnerRegistrationsView.as_view(),
        name="partner_registrations",
    ),
]

"""The public programme: published versions of a conference's programme, their changelog and
the exports (calendar, frab JSON/XML, PDF). Open to everybody."""

from django.urls import path

from conferences.views import programme

urlpatterns = [
    path("programme/<slug:slug>/", programme.ProgrammeView.as_view(), name="programme"),
    path(
        "programme/<slug:slug>/<int:pk>/",
        programme.ProgrammeItemView.as_view(),
        name="programme_item",
    ),
    path(
        "programme/<slug:slug>/changes/",
        programme.ProgrammeChangesView.as_view(),
        name="programme_changes",
    ),
    path("programme/<slug:slug>/programme.ics", programme.programme_ics, name="programme_ics"),
    path(
        "programme/<slug:slug>/<int:pk>.ics",
        programme.programme_item_ics,
        name="programme_item_ics",
    ),
    path("programme/<slug:slug>/schedule.json", programme.programme_json, name="programme_json"),
    path("programme/<slug:slug>/schedule.xml", programme.programme_xml, name="programme_xml"),
    path(
        "programme/<slug:slug>/programme-<str:language>.pdf",
        programme.programme_pdf,
        name="programme_pdf",
    ),
]

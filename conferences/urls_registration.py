"""The participant's side of registration (issue 6): the public form and the pages behind the
personal management link. The names are used by emails, other pages and the benchmarks."""

from django.urls import path

from conferences.views import registration as views

TOKEN = "registration/<str:token>/"

urlpatterns = [
    path("register/<slug:slug>/", views.RegisterView.as_view(), name="register"),
    path(
        "register/<slug:slug>/invitation/<str:token>/",
        views.RegisterView.as_view(),
        name="register_invited",
    ),
    path("register/<slug:slug>/deleted/", views.ErasedView.as_view(), name="registration_erased"),
    path(TOKEN, views.ManageView.as_view(), name="registration_manage"),
    path(TOKEN + "sessions/", views.SessionsView.as_view(), name="registration_sessions"),
    path(TOKEN + "details/", views.DetailsView.as_view(), name="registration_details"),
    path(TOKEN + "cancel/", views.CancelView.as_view(), name="registration_cancel"),
    path(TOKEN + "accept/", views.AcceptView.as_view(), name="registration_accept"),
    path(TOKEN + "ticket/", views.TicketView.as_view(), name="registration_ticket"),
    path(TOKEN + "ticket.pdf", views.TicketPdfView.as_view(), name="registration_ticket_pdf"),
    path(TOKEN + "calendar.ics", views.CalendarView.as_view(), name="registration_ics"),
    path(TOKEN + "data.json", views.DataView.as_view(), name="registration_data"),
    path(TOKEN + "erase/", views.EraseView.as_view(), name="registration_erase"),
]

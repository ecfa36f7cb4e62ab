from django.urls import path

from conferences.views import schedule

PREFIX = "adviser/conferences/<slug:slug>/schedule/"

urlpatterns = [
    path(PREFIX, schedule.ScheduleView.as_view(), name="schedule"),
    path(f"{PREFIX}<int:pk>/place/", schedule.PlaceView.as_view(), name="schedule_place"),
    path(f"{PREFIX}<int:pk>/unplace/", schedule.UnplaceView.as_view(), name="schedule_unplace"),
    path(f"{PREFIX}slots/", schedule.SlotAddView.as_view(), name="schedule_slot_add"),
    path(
        f"{PREFIX}slots/<int:pk>/delete/",
        schedule.SlotDeleteView.as_view(),
        name="schedule_slot_delete",
    ),
    path(f"{PREFIX}publish/", schedule.PublishView.as_view(), name="schedule_publish"),
    path(f"{PREFIX}programme.csv", schedule.ProgrammeCsvView.as_view(), name="schedule_csv"),
    path(
        f"{PREFIX}versions/<int:number>/pdf/",
        schedule.PdfRequestView.as_view(),
        name="schedule_pdf",
    ),
    path(
        f"{PREFIX}versions/<int:number>/pdf/<str:language>/",
        schedule.PdfStatusView.as_view(),
        name="schedule_pdf_status",
    ),
]

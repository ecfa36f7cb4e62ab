from django.urls import path

from conferences.views import checkin

PREFIX = "adviser/conferences/<slug:slug>/"
CHECKIN = f"{PREFIX}checkin/"
BADGES = f"{PREFIX}badges/"

urlpatterns = [
    path(CHECKIN, checkin.CheckinView.as_view(), name="checkin"),
    path(f"{CHECKIN}search/", checkin.SearchView.as_view(), name="checkin_search"),
    path(f"{CHECKIN}code/<str:code>/", checkin.PersonView.as_view(), name="checkin_person"),
    path(f"{CHECKIN}code/<str:code>/undo/", checkin.UndoView.as_view(), name="checkin_undo"),
    path(BADGES, checkin.BadgesView.as_view(), name="badges"),
    path(f"{BADGES}<str:layout>/status/", checkin.BadgeStatusView.as_view(), name="badges_status"),
    path(
        f"{BADGES}<str:layout>/badges.pdf",
        checkin.BadgeDownloadView.as_view(),
        name="badges_download",
    ),
]

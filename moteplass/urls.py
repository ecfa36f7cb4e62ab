from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from conferences.views import adviser, public
from moteplass import views
from partners import views as partner_views
from telemarksplanen import views as plan_views

# The admin's log-in is allauth's: its rate limits, and the second factor that staff must use.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", public.HomeView.as_view(), name="home"),
    path("health/", views.health, name="health"),
    path("plan/", plan_views.PlanView.as_view(), name="plan"),
    path("plan/colours.css", plan_views.colours_css, name="plan_colours"),
    path("plan/<slug:slug>/", plan_views.PlanView.as_view(), name="plan_detail"),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyNoticeView.as_view(), name="privacy"),
    path("language/", partner_views.set_language, name="set_language"),
    path("accounts/profile/", partner_views.ProfileView.as_view(), name="profile"),
    path("accounts/", include("allauth.urls")),
    path("adviser/", adviser.DashboardView.as_view(), name="adviser_dashboard"),
    path(
        "adviser/conferences/new/",
        adviser.ConferenceCreateView.as_view(),
        name="conference_create",
    ),
    path(
        "adviser/conferences/<slug:slug>/",
        adviser.ConferenceUpdateView.as_view(),
        name="conference_edit",
    ),
    path(
        "adviser/conferences/<slug:slug>/rooms/", adviser.RoomListView.as_view(), name="room_list"
    ),
    path(
        "adviser/conferences/<slug:slug>/rooms/<int:pk>/",
        adviser.RoomUpdateView.as_view(),
        name="room_edit",
    ),
    path(
        "adviser/conferences/<slug:slug>/rooms/<int:pk>/delete/",
        adviser.RoomDeleteView.as_view(),
        name="room_delete",
    ),
    path(
        "adviser/conferences/<slug:slug>/partners/",
        adviser.PartnerListView.as_view(),
        name="partner_list",
    ),
    path(
        "adviser/conferences/<slug:slug>/partners/<int:pk>/remove/",
        adviser.PartnerRemoveView.as_view(),
        name="partner_remove",
    ),
    path(
        "adviser/conferences/<slug:slug>/coverage/",
        adviser.GoalCoverageView.as_view(),
        name="goal_coverage",
    ),
    path("adviser/goals/", plan_views.GoalListView.as_view(), name="goal_list"),
    path("adviser/goals/<int:pk>/", plan_views.GoalUpdateView.as_view(), name="goal_edit"),
    path("", include("conferences.urls_mail")),
    path("", include("conferences.urls_invitations")),
    path("", include("conferences.urls_proposals")),
    path("", include("conferences.urls_review")),
    path("", include("conferences.urls_programme")),
    path("", include("conferences.urls_schedule")),
    path("", include("conferences.urls_registration")),
    path("", include("conferences.urls_checkin")),
    path("", include("conferences.urls_registrations")),
    path("", include("conferences.urls_followup")),
    path("", include("conferences.urls_report")),
    path("", include("conferences.urls_dashboard")),
    path("", include("conferences.urls_editions")),
    path("", include("conferences.urls_audit")),
    path("", include("partners.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "moteplass.views.bad_request"
handler404 = "moteplass.views.page_not_found"
handler500 = "moteplass.views.server_error"
handler429 = "moteplass.views.too_many_requests"

from django.urls import path

from conferences.views import registration

urlpatterns = [
    path(
        "registration/<str:token>/",
        registration.ManageView.as_view(),
        name="registration_manage",
    ),
]

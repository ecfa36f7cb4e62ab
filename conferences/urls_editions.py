"""Next year's edition of a conference, made from this one by its advisers."""

from django.urls import path

from conferences.views import editions

urlpatterns = [
    path(
        "adviser/conferences/<slug:slug>/next-edition/",
        editions.NextEditionView.as_view(),
        name="next_edition",
    ),
]

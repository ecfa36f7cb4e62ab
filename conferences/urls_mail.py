"""Mail templates and the outbox (advisers of the conference only)."""

from django.urls import path

from conferences.views import mail

urlpatterns = [
    path(
        "adviser/conferences/<slug:slug>/mail/",
        mail.MailTemplateListView.as_view(),
        name="mail_templates",
    ),
    path(
        "adviser/conferences/<slug:slug>/mail/<str:role>/",
        mail.MailTemplateUpdateView.as_view(),
        name="mail_template_edit",
    ),
    path("adviser/conferences/<slug:slug>/outbox/", mail.OutboxListView.as_view(), name="outbox"),
    path(
        "adviser/conferences/<slug:slug>/outbox/send/",
        mail.OutboxSendView.as_view(),
        name="outbox_send",
    ),
    path(
        "adviser/conferences/<slug:slug>/outbox/<int:pk>/",
        mail.OutboxMessageView.as_view(),
        name="outbox_message",
    ),
    path(
        "adviser/conferences/<slug:slug>/outbox/<int:pk>/discard/",
        mail.OutboxDiscardView.as_view(),
        name="outbox_discard",
    ),
]

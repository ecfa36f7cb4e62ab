import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from conferences.models import OutboxMessage
from partners.models import User
from tests.factories import UserFactory
from tests.factories.partners import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Account emails go through the outbox, which hands them to Celery after commit: run the
    request inside ``with deliver():`` so its commit callbacks run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_signup_creates_unverified_user_with_names_and_language(client, deliver):
    client.cookies["moteplass_language"] = "nn"
    with deliver():
        response = client.post(
            reverse("account_signup"),
            {
                "email": "Ola.Nordmann@Example.no",
                "first_name": "Ola",
                "last_name": "Nordmann",
                "password1": "ein-lang-passordfrase",
                "password2": "ein-lang-passordfrase",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert (user.email, user.first_name, user.last_name, user.language) == (
        "ola.nordmann@example.no",
        "Ola",
        "Nordmann",
        "nn",
    )
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ola.nordmann@example.no"]
    message = OutboxMessage.objects.get()
    assert (message.to_email, message.state, message.language, message.user) == (
        "ola.nordmann@example.no",
        "sent",
        "nn",
        user,
    )


def test_unverified_user_cannot_log_in_until_email_is_confirmed(client, deliver):
    user = UserFactory(email="ny@example.no", verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    with deliver():
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body)
    assert link is not None
    path = "/" + link.group(0).split("/", 3)[3]
    client.post(path)
    assert EmailAddress.objects.get(user=user).verified is True


def test_verified_user_logs_in_with_password(client, participant):
    response = client.post(
        reverse("account_login"), {"login": "deltaker@example.no", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(participant.pk)


def test_login_by_emailed_code(client, participant, deliver):
    with deliver():
        response = client.post(reverse("account_request_login_code"), {"email": participant.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.MULTILINE).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(participant.pk)


def test_wrong_login_code_does_not_log_in(client, participant, deliver):
    with deliver():
        client.post(reverse("account_request_login_code"), {"email": participant.email})
    response = client.post(reverse("account_confirm_login_code"), {"code": "AAAAAA"})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert response.context["form"].errors


def test_failed_logins_are_rate_limited(client, participant):
    client.cookies["moteplass_language"] = "en"

    def attempt(password):
        response = client.post(
            reverse("account_login"), {"login": participant.email, "password": password}
        )
        return response.context["form"].non_field_errors() if response.context else []

    errors = [attempt("wrong-password") for _ in range(6)]
    assert errors[0] == ["The email address and/or password you specified are not correct."]
    assert errors[4] == errors[0]
    assert errors[5] == ["Too many failed login attempts. Try again later."]
    assert attempt(PASSWORD) == ["Too many failed login attempts. Try again later."]
    assert "_auth_user_id" not in client.session


def test_account_email_is_written_in_the_recipients_language(client, participant, deliver):
    participant.language = "nn"
    participant.save()
    client.cookies["moteplass_language"] = "en"
    with deliver():
        client.post(reverse("account_request_login_code"), {"email": participant.email})
    body = mail.outbox[-1].body
    assert body.startswith("Hei!")
    assert "Møteplass Telemark, Telemark fylkeskommune" in body
    assert "Hello" not in body

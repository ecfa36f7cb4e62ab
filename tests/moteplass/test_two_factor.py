"""Two factors for advisers and staff (allauth.mfa, TOTP): required, asked for at every log-in,
not removable; the Django admin logs in through allauth."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from partners.enums import MembershipRole
from tests.factories import MembershipFactory, UserFactory, county
from tests.factories.partners import PASSWORD, TOTP_SECRET
from tests.support.two_factor import code_for

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/totp/activate/"


def adviser_without_authenticator(email="ny.radgiver@example.no"):
    user = UserFactory(email=email)
    MembershipFactory(
        user=user,
        organisation=county(),
        role=MembershipRole.COORDINATOR,
        is_adviser=True,
        two_factor=False,
    )
    return user


def test_setup_page_is_where_the_urls_point():
    assert reverse("mfa_activate_totp") == SETUP


def test_adviser_without_authenticator_is_sent_to_set_it_up_from_every_page(client):
    client.force_login(adviser_without_authenticator())
    for url in (reverse("adviser_dashboard"), reverse("home"), reverse("plan")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == SETUP
    page = client.get(reverse("adviser_dashboard"), follow=True)
    # the set-up asks for the password first (the session was not made by typing it)
    assert page.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Rådgivere må logge inn med to faktorer." in text
    assert 'aria-live="polite"' in text


def test_account_pages_and_log_out_stay_open(client):
    user = adviser_without_authenticator()
    client.force_login(user)
    assert client.get(reverse("account_email")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_profile_is_not_an_account_page_that_stays_open(client):
    """/accounts/profile/ is ours, not allauth's: it shows personal data, so an adviser without
    an authenticator app is sent to the set-up from it like from every other page."""
    client.force_login(adviser_without_authenticator())
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"] == SETUP


def test_partner_and_participant_need_no_second_factor(client, editor, participant):
    for user in (editor, participant):
        client.force_login(user)
        assert client.get(reverse("home")).status_code == 200
        assert client.get(reverse("profile")).status_code == 200


def test_staff_without_authenticator_cannot_reach_the_admin(client):
    staff = UserFactory(email="drift@example.no", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == SETUP


def test_adviser_sets_up_the_authenticator_app_and_gets_in(client):
    user = adviser_without_authenticator()
    client.force_login(user)
    # allauth asks for the password before a second factor is added
    reauthenticate = client.get(SETUP)
    assert reauthenticate.status_code == 302
    assert reauthenticate["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reauthenticate["Location"], {"password": PASSWORD})
    page = client.get(SETUP)
    assert page.status_code == 200
    secret = page.context["form"].secret
    wrong = client.post(SETUP, {"code": "000000"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]
    assert not Authenticator.objects.filter(user=user).exists()
    done = client.post(SETUP, {"code": code_for(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    # recovery codes come with it, to print and keep
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get(reverse("adviser_dashboard")).status_code == 200


def test_log_in_asks_advisers_for_the_code(client, adviser):
    response = client.post(reverse("account_login"), {"login": adviser.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # not logged in yet: the adviser area sends to the log-in page
    assert client.get(reverse("adviser_dashboard")).status_code == 302
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    right = client.post(reverse("mfa_authenticate"), {"code": code_for(TOTP_SECRET)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(adviser.pk)
    assert client.get(reverse("adviser_dashboard")).status_code == 200


def test_a_used_code_is_not_accepted_twice(client, adviser):
    code = code_for(TOTP_SECRET)
    client.post(reverse("account_login"), {"login": adviser.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.post(reverse("account_logout"))
    client.post(reverse("account_login"), {"login": adviser.email, "password": PASSWORD})
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200
    assert "_auth_user_id" not in client.session


def test_partner_logs_in_with_password_only(client, editor):
    response = client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_adviser_cannot_remove_the_authenticator(client, adviser):
    client.force_login(adviser)
    session = client.session
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Authenticator.objects.filter(user=adviser, type=Authenticator.Type.TOTP).exists()
    assert session.session_key


def test_partner_may_remove_an_authenticator_they_chose_to_add(client, editor):
    from tests.factories.partners import enrol_authenticator

    enrol_authenticator(editor)
    client.force_login(editor)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_admin_refuses_a_logged_in_person_who_is_not_staff(client, adviser):
    client.force_login(adviser)
    assert client.get("/admin/login/").status_code == 403


def test_admin_opens_for_staff_with_an_authenticator(client):
    from tests.factories.partners import enrol_authenticator

    staff = UserFactory(email="drift@example.no", is_staff=True, is_superuser=True)
    enrol_authenticator(staff)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_set_up_right_after_logging_in_does_not_ask_for_the_password_again(client):
    user = adviser_without_authenticator()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    page = client.get(SETUP)
    assert page.status_code == 200
    assert page.context["form"].secret


def test_a_person_with_a_second_factor_confirms_the_password_before_changing_it(client, adviser):
    client.post(reverse("account_login"), {"login": adviser.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code_for(TOTP_SECRET)})
    response = client.get(reverse("mfa_generate_recovery_codes"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))

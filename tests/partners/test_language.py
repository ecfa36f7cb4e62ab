import pytest
from django.urls import reverse

from partners.models import User

pytestmark = pytest.mark.django_db


def test_anonymous_language_switch_sets_cookie_and_shows_nynorsk_plan(client):
    response = client.post(reverse("set_language"), {"language": "nn", "next": "/plan/"})
    assert response.status_code == 302
    assert response["Location"] == "/plan/"
    assert response.cookies["moteplass_language"].value == "nn"
    page = client.get("/plan/").content.decode()
    assert '<html lang="nn"' in page
    assert "Inkluderande Telemark" in page
    assert "Grøn omstilling og redusert klimagassutslepp" in page
    assert "Grønn omstilling og redusert klimagassutslipp" not in page


def test_logged_in_language_choice_is_saved_and_sticks_in_a_new_session(client, participant):
    client.force_login(participant)
    client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    assert User.objects.get(pk=participant.pk).language == "nn"
    client.logout()
    client.cookies.clear()
    client.force_login(User.objects.get(pk=participant.pk))
    page = client.get("/plan/").content.decode()
    assert '<html lang="nn"' in page


def test_saved_language_wins_over_the_cookie(client, participant):
    participant.language = "en"
    participant.save()
    client.cookies["moteplass_language"] = "nn"
    client.force_login(participant)
    page = client.get("/plan/").content.decode()
    assert '<html lang="en"' in page
    assert "Inclusive Telemark" in page


def test_unknown_language_changes_nothing(client, participant):
    client.force_login(participant)
    response = client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert response.status_code == 302
    assert "moteplass_language" not in response.cookies
    assert User.objects.get(pk=participant.pk).language == "nb"


def test_next_url_to_another_site_is_refused(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == reverse("home")


def test_profile_changes_language(client, participant):
    client.force_login(participant)
    response = client.post(
        reverse("profile"), {"first_name": "Kari", "last_name": "Nordmann", "language": "nn"}
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.first_name, participant.last_name, participant.language) == (
        "Kari",
        "Nordmann",
        "nn",
    )


def test_bokmal_is_the_default_whatever_the_browser_asks_for(client):
    page = client.get("/plan/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nb"' in page
    assert "Inkluderende Telemark" in page


def test_response_says_its_language_and_varies_on_cookie(client):
    client.cookies["moteplass_language"] = "nn"
    response = client.get("/")
    assert response["Content-Language"] == "nn"
    assert "Cookie" in response["Vary"]

import pytest
from django.test import RequestFactory

from moteplass.views import server_error

pytestmark = pytest.mark.django_db


def test_unknown_url_gives_styled_404_in_the_users_language(client):
    client.cookies["moteplass_language"] = "nn"
    response = client.get("/finst-ikkje/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="nn"' in page
    assert 'class="site-header"' in page
    assert "Traceback" not in page


def test_server_error_page_has_no_details():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1" in page
    assert "Traceback" not in page and "settings" not in page.lower()


def test_a_body_over_the_limit_gets_the_400_page_in_nynorsk_and_saves_nothing(
    client, conference, settings
):
    from conferences.models import Registration
    from tests.factories.registration import open_registration

    open_registration(conference)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.cookies["moteplass_language"] = "nn"
    response = client.post(
        f"/register/{conference.slug}/", {"first_name": "Å" * 2000, "email": "a@example.no"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="nn"' in page
    assert '<h1 class="ds-heading" data-size="xl">Førespurnaden kunne ikkje handsamast</h1>' in page
    assert "Ingenting vart lagra." in page
    assert Registration.objects.count() == 0


def test_a_host_name_not_allowed_gets_the_400_page_in_the_browsers_language(client):
    """The host is checked before the locale middleware runs: the page finds the language from
    the request itself."""
    client.get("/", HTTP_ACCEPT_LANGUAGE="nb")  # a request before, in another language
    response = client.get("/", HTTP_HOST="evil.example.com", HTTP_ACCEPT_LANGUAGE="nn")
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="nn"' in page
    assert "Førespurnaden kunne ikkje handsamast" in page

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

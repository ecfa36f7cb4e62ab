import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_reports_each_part(client, settings):
    response = client.get(reverse("health"))
    expected_broker = "in-process" if settings.CELERY_TASK_ALWAYS_EAGER else "ok"
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": expected_broker,
    }
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_broker_does_not_answer(client, settings):
    from moteplass.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get(reverse("health"))
    finally:
        app.conf.broker_url = original
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["broker"] == "error"
    assert response.json()["database"] == "ok"

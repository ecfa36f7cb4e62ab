import pytest
from django.urls import reverse
from django.utils import translation

from moteplass.audit import history_for
from moteplass.models import ActivityLog
from telemarksplanen.domain import update_goal
from tests.factories import goal

pytestmark = pytest.mark.django_db


def test_update_goal_records_who_when_before_and_after(adviser):
    i1 = goal("I1")
    changes = update_goal(
        i1, by=adviser, values={"title_nn": "Fleire i arbeid", "provisional": False}
    )
    i1.refresh_from_db()
    assert (i1.title_nn, i1.provisional) == ("Fleire i arbeid", False)
    assert [(c["field"], c["before"], c["after"]) for c in changes] == [
        ("title_nn", "Fleire i arbeid og utdanning – færre i utanforskap", "Fleire i arbeid"),
        ("provisional", True, False),
    ]
    entry = history_for(i1).get()
    assert (entry.user, entry.action, entry.changes) == (
        adviser,
        "telemarksplanen.goal.update",
        changes,
    )


def test_update_goal_without_changes_records_nothing(adviser):
    i1 = goal("I1")
    assert update_goal(i1, by=adviser, values={"title_nb": i1.title_nb}) == []
    assert ActivityLog.objects.count() == 0


def test_adviser_edits_nynorsk_title_and_sees_it_in_history(client, adviser):
    s2 = goal("S2")
    client.force_login(adviser)
    url = reverse("goal_edit", args=[s2.pk])
    data = {
        "title_nb": s2.title_nb,
        "title_nn": "Kompetanse for arbeidslivet i Telemark",
        "title_en": s2.title_en,
        "description_nb": "",
        "description_nn": "",
        "description_en": "",
        "provisional": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "Kompetanse for arbeidslivet i Telemark" in page
    assert "Kompetanse som møter behova i arbeidslivet" in page  # the "before" column
    assert "Rita Rådgiver" in page
    s2.refresh_from_db()
    assert (s2.title_nn, s2.provisional) == ("Kompetanse for arbeidslivet i Telemark", False)


def test_goal_edit_with_empty_title_shows_error_and_changes_nothing(client, adviser):
    s2 = goal("S2")
    client.force_login(adviser)
    response = client.post(
        reverse("goal_edit", args=[s2.pk]),
        {"title_nb": "", "title_nn": "Endra", "title_en": "", "provisional": "on"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_title_nb_error"' in page
    assert 'aria-invalid="true"' in page
    assert "data-error-summary" in page
    assert "id_title_nb_error id_title_nb_error" not in page
    s2.refresh_from_db()
    assert s2.title_nn == "Kompetanse som møter behova i arbeidslivet"
    assert ActivityLog.objects.count() == 0


def test_goal_edit_error_message_is_in_nynorsk_for_nynorsk_user(client, adviser):
    adviser.language = "nn"
    adviser.save()
    s2 = goal("S2")
    client.force_login(adviser)
    response = client.post(reverse("goal_edit", args=[s2.pk]), {"title_nb": "", "title_nn": ""})
    with translation.override("nn"):
        expected = str(translation.gettext("This field is required."))
    assert expected == "Feltet er påkravd."
    assert expected in response.content.decode()


def test_partner_sees_goal_read_only_and_cannot_post(client, editor):
    s2 = goal("S2")
    client.force_login(editor)
    url = reverse("goal_edit", args=[s2.pk])
    page = client.get(url).content.decode()
    assert 'name="title_nn"' in page and "disabled" in page
    assert 'type="submit" class="ds-button" data-variant="primary"' not in page
    response = client.post(url, {"title_nb": "Hacka", "title_nn": "Hacka"})
    assert response.status_code == 403
    s2.refresh_from_db()
    assert s2.title_nb == "Kompetanse som møter arbeidslivets behov"

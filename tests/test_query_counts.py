"""The number of queries of every list page does not grow with its items (house style rule 21)."""

import pytest
from django.urls import reverse

from conferences.enums import MailRole
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    NetworkFactory,
    RoomFactory,
    SessionFactory,
    goal,
)

pytestmark = pytest.mark.django_db


def _plan_content(count):
    conference = ConferenceFactory()
    for n in range(count):
        NetworkFactory(goals=[goal("I1"), goal("S2")], name=f"Nettverk {n}", slug=f"nettverk-{n}")
        SessionFactory(conference=conference, goals=[goal("I1"), goal("N3")])


@pytest.mark.parametrize("count", [1, 3])
def test_plan_page_queries(client, count, django_assert_num_queries):
    _plan_content(count)
    with django_assert_num_queries(6):
        response = client.get(reverse("plan"))
    assert response.status_code == 200
    assert response.content.decode().count("Programpost ") == 2 * count


@pytest.mark.parametrize("count", [1, 3])
def test_adviser_dashboard_queries(client, adviser, count, django_assert_num_queries):
    for _ in range(count):
        conference = ConferenceFactory()
        RoomFactory(conference=conference)
        ConferencePartnerFactory(conference=conference)
    client.force_login(adviser)
    # session, user, memberships (the roles), conferences with counts, failed background jobs
    with django_assert_num_queries(5):
        response = client.get(reverse("adviser_dashboard"))
    assert len(response.context["conferences"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_room_list_queries(client, adviser, conference, count, django_assert_num_queries):
    for _ in range(count):
        RoomFactory(conference=conference)
    client.force_login(adviser)
    # session, user, memberships, conference, rooms
    with django_assert_num_queries(5):
        response = client.get(reverse("room_list", args=[conference.slug]))
    assert len(response.context["rooms"]) == count


def test_goal_list_queries(client, adviser, django_assert_num_queries):
    client.force_login(adviser)
    with django_assert_num_queries(5):
        response = client.get(reverse("goal_list"))
    assert len(response.context["goals"]) == 9


@pytest.mark.parametrize("count", [1, 3])
def test_home_queries(client, count, django_assert_num_queries):
    for _ in range(count):
        ConferenceFactory()
    # the next conference, the plan, the published follow-up reports
    with django_assert_num_queries(3):
        response = client.get(reverse("home"))
    assert response.status_code == 200


def _draft(conference, n):
    from conferences.domain.mail import queue_message

    return queue_message(
        to_email=f"p{n}@example.no",
        language="nb",
        subject=f"S {n}",
        body="B",
        conference=conference,
        draft=True,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_outbox_queries(client, adviser, conference, count, django_assert_num_queries):
    for n in range(count):
        _draft(conference, n)
    client.force_login(adviser)
    # session, user, memberships, conference, count, page, states, matching drafts
    with django_assert_num_queries(8):
        response = client.get(reverse("outbox", args=[conference.slug]))
    assert len(response.context["page_obj"].object_list) == count


def test_mail_template_list_queries(client, adviser, conference, django_assert_num_queries):
    from conferences.domain.mail import ensure_default_templates

    ensure_default_templates(conference)
    client.force_login(adviser)
    with django_assert_num_queries(5):
        response = client.get(reverse("mail_templates", args=[conference.slug]))
    assert len(response.context["mail_templates"]) == len(MailRole)


@pytest.mark.parametrize("edits", [1, 3])
def test_goal_history_queries(client, adviser, edits, django_assert_num_queries):
    from telemarksplanen.domain import update_goal

    n1 = goal("N1")
    for n in range(edits):
        update_goal(n1, by=adviser, values={"title_nn": f"Grøn omstilling {n}"})
    client.force_login(adviser)
    # session, user, memberships, goal with focus area and plan, history with users
    with django_assert_num_queries(5):
        response = client.get(reverse("goal_edit", args=[n1.pk]))
    assert len(response.context["history"]) == edits


@pytest.mark.parametrize("count", [1, 3])
def test_partner_list_queries(client, adviser, conference, count, django_assert_num_queries):
    for _ in range(count):
        ConferencePartnerFactory(conference=conference)
    client.force_login(adviser)
    # session, user, memberships, conference, partners with member counts, candidates
    with django_assert_num_queries(6):
        response = client.get(reverse("partner_list", args=[conference.slug]))
    assert len(response.context["partners"]) == count


def _log_entries(conference, adviser, count):
    """``count`` rooms each added and changed by a different person, and as many registrations
    confirmed with nobody logged in: entries of three kinds by ``count`` + 1 people."""
    from conferences.domain import save_room
    from conferences.models import Room
    from moteplass.audit import log_action
    from tests.factories import RegistrationFactory, UserFactory

    for n in range(count):
        person = UserFactory(email=f"person{n}@example.no")
        room = save_room(
            Room(conference=conference), by=person, values={"name": f"Sal {n}", "capacity": 10}
        )
        save_room(room, by=adviser, values={"name": f"Salen {n}", "capacity": 10 + n})
        log_action(RegistrationFactory(conference=conference), "conferences.registration.confirmed")
    log_action(conference, "conferences.conference.update", user=adviser)


@pytest.mark.parametrize("count", [2, 20])
def test_activity_log_queries(client, adviser, conference, count, django_assert_num_queries):
    _log_entries(conference, adviser, count)
    client.force_login(adviser)
    # session, user, memberships, conference, people, kinds, count, page of entries with their
    # person and kind
    with django_assert_num_queries(8):
        response = client.get(reverse("activity_log", args=[conference.slug]), {"object": "sal"})
    assert len(response.context["rows"]) == 2 * count


@pytest.mark.parametrize("count", [2, 20])
def test_county_activity_log_queries(client, adviser, conference, count, django_assert_num_queries):
    _log_entries(conference, adviser, count)
    client.force_login(adviser)
    # session, user, memberships, people, kinds, the county's conferences, count, page of entries
    # with their person, kind and conference
    with django_assert_num_queries(8):
        response = client.get(reverse("activity_log_all"))
    assert len(response.context["rows"]) == min(3 * count + 1, 50)  # a page holds 50

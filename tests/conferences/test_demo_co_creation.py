"""Issue 4's "done when", on the demo conference at the stage "call": two partner organisations
(NHO, with its coordinator, and Vinje kommune, with its nynorsk editor) co-create the draft
programme through the pages, the advisers review and accept, the coverage view shows which
hovedmål are served and which are not, and neither partner reaches anything of the other's."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from conferences.models import Comment, Conference, OutboxMessage, Session
from partners.models import User
from tests.conferences.test_proposal_views import proposal_data

pytestmark = pytest.mark.django_db

NHO = "nho-vestfold-og-telemark"
VINJE = "vinje-kommune"


@pytest.fixture
def demo(client):
    call_command("seed_demo", stage="call", force=True, stdout=StringIO())
    conference = Conference.objects.get(slug="moteplass-telemark-2026")
    users = {
        name: User.objects.get(email=f"{name}@demo.moteplass.no")
        for name in ("radgiver", "koordinator", "redaktor")
    }
    return conference, users


def as_user(client, user):
    client.logout()
    client.force_login(user)
    return client


def propose(client, conference, user, owner_slug, title, goals):
    owner = conference.partners.get(organisation__slug=owner_slug).organisation
    data = proposal_data(owner, title=title, goals=goals, submit="1")
    response = as_user(client, user).post(reverse("proposal_create", args=[conference.slug]), data)
    assert response.status_code == 302
    return Session.objects.get(conference=conference, title=title)


def decide(client, conference, adviser, session, state, note=""):
    url = reverse("review_detail", args=[conference.slug, session.pk])
    response = as_user(client, adviser).post(
        url, {"state": state, "note": note, "seen_state": session.state}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.state == state


def coverage(client, conference, user):
    response = as_user(client, user).get(reverse("goal_coverage", args=[conference.slug]))
    assert response.status_code == 200
    return {
        goal.code: (goal.proposed, goal.accepted)
        for area in response.context["areas"]
        for goal in area.goals
    }


def test_two_partners_co_create_and_the_advisers_accept(client, demo):
    conference, users = demo
    before = coverage(client, conference, users["radgiver"])

    nho_item = propose(
        client, conference, users["koordinator"], NHO, "Lærlingløftet i industrien", ["S2", "I1"]
    )
    vinje_item = propose(
        client, conference, users["redaktor"], VINJE, "Stølsdrift og berekraft", ["N2"]
    )
    assert (nho_item.state, vinje_item.state) == ("submitted", "submitted")

    decide(client, conference, users["radgiver"], nho_item, "accepted", "Velkommen!")
    decide(client, conference, users["radgiver"], vinje_item, "changes_requested", "Kortare.")
    # Vinje shortens the item and submits it again; the adviser accepts it
    edit = reverse("proposal_edit", args=[conference.slug, vinje_item.pk])
    response = as_user(client, users["redaktor"]).get(edit)
    data = {**response.context["form"].initial, "duration": "45", "submit": "1"}
    data.update(
        {
            "goals": ["N2"],
            "co_owners": [],
            "speakers-TOTAL_FORMS": "3",
            "speakers-INITIAL_FORMS": "2",
            "speakers-MIN_NUM_FORMS": "0",
            "speakers-MAX_NUM_FORMS": "20",
            "speakers-0-name": "Ola Nordmann",
            "speakers-1-name": "Kari Li",
        }
    )
    data = {k: v for k, v in data.items() if v is not None}
    assert client.post(edit, data).status_code == 302
    vinje_item.refresh_from_db()
    assert (vinje_item.state, vinje_item.duration) == ("submitted", 45)
    decide(client, conference, users["radgiver"], vinje_item, "accepted")

    # the coverage counts both new accepted items, for partners as for advisers
    after = coverage(client, conference, users["redaktor"])
    assert after == coverage(client, conference, users["radgiver"])
    for code in ("S2", "I1", "N2"):
        assert after[code][1] == before[code][1] + 1
    unchanged = set(after) - {"S2", "I1", "N2"}
    assert {code: after[code] for code in unchanged} == {code: before[code] for code in unchanged}
    page = as_user(client, users["radgiver"]).get(reverse("goal_coverage", args=[conference.slug]))
    served = sum(1 for area in page.context["areas"] for goal in area.goals if goal.accepted)
    assert (
        page.content.decode().count("Ingen akseptert programpost tjener dette målet") == 9 - served
    )

    # every decision reached the owning organisations' people in their written standard
    to_vinje = OutboxMessage.objects.filter(to_email="redaktor@demo.moteplass.no")
    assert {(m.role, m.language) for m in to_vinje} == {
        ("proposal_received", "nn"),
        ("proposal_changes_requested", "nn"),
        ("proposal_accepted", "nn"),
    }
    assert OutboxMessage.objects.filter(
        to_email="koordinator@demo.moteplass.no", role="proposal_accepted", language="nb"
    ).exists()


def test_neither_partner_reaches_anything_of_the_others(client, demo):
    conference, users = demo

    def states():
        return dict(Session.objects.filter(conference=conference).values_list("pk", "state"))

    seeded = states()
    pairs = [
        (users["koordinator"], VINJE),
        (users["redaktor"], NHO),
    ]
    for user, other in pairs:
        others = Session.objects.filter(conference=conference, owner__slug=other).exclude(
            co_owners__memberships__user=user
        )
        assert others.exists()
        client = as_user(client, user)
        dashboard = client.get(reverse("partner_dashboard", args=[conference.slug])).content
        for session in others:
            args = [conference.slug, session.pk]
            assert client.get(reverse("proposal_detail", args=args)).status_code == 404
            assert client.get(reverse("proposal_edit", args=args)).status_code == 404
            assert (
                client.post(reverse("proposal_state", args=args), {"state": "withdrawn"})
            ).status_code == 404
            assert (
                client.post(reverse("proposal_comment", args=args), {"text": "Hei"}).status_code
                == 404
            )
            assert session.title.encode() not in dashboard
        # nothing changed: no new comment, every state as seeded
        assert Comment.objects.filter(text="Hei").count() == 0
        assert states() == seeded
        assert client.get(reverse("review_list", args=[conference.slug])).status_code == 404
    # the internal note is on no partner page
    note = Comment.objects.get(internal=True)
    for user in (users["koordinator"], users["redaktor"]):
        client = as_user(client, user)
        for session in Session.objects.filter(pk=note.session_id):
            response = client.get(reverse("proposal_detail", args=[conference.slug, session.pk]))
            assert note.text not in response.content.decode()

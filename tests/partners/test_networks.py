"""The networks' public pages: every network with its main goals and number of members; one
network with its coordinating organisation, goals, members, the sessions it ran in published
programmes and the commitments it holds in published follow-up reports — never anything
unpublished."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from conferences.domain.schedule import add_slot, place_session, publish_programme
from conferences.enums import CommitmentState, ConferenceStatus, SessionState
from conferences.models import Session
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    NetworkFactory,
    OrganisationFactory,
    PriorityFactory,
    RoomFactory,
    SessionFactory,
    goal,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "editor", "other_adviser", "adviser"]


def text(response) -> str:
    """The main content as text, whitespace folded."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.fixture
def network(db):
    lead = OrganisationFactory(name="Telemark Næringsråd", slug="naeringsrad")
    network = NetworkFactory(
        name="Hydrogennettverket",
        slug="hydrogen",
        description_nb="Bedrifter som satser på hydrogen.",
        description_nn="Verksemder som satsar på hydrogen.",
        goals=[goal("N1"), goal("S2")],
        lead=lead,
    )
    network.organisations.set([lead, OrganisationFactory(name="Yara Porsgrunn", slug="yara")])
    return network


def publish(conference, sessions, by):
    """Place ``sessions`` one after another in one room and publish the programme."""
    room = RoomFactory(conference=conference)
    for hour, session in enumerate(sessions, start=9):
        slot = add_slot(
            conference,
            day=conference.start_date,
            start=dt.time(hour),
            end=dt.time(hour, 50),
            by=by,
        )
        place_session(session, room=room, slot=slot, by=by)
    return publish_programme(conference, by=by)


def network_session(conference, network, title, **kwargs):
    kwargs.setdefault("state", SessionState.ACCEPTED)
    return SessionFactory(
        conference=conference, network=network, title=title, goals=[goal("N1")], **kwargs
    )


# the list ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_networks(role, client_as, network):
    response = client_as(role).get(reverse("networks"))
    assert response.status_code == 200
    assert [n.name for n in response.context["networks"]] == ["Hydrogennettverket"]


def test_the_list_shows_goals_with_colour_and_text_and_member_count(client, network):
    NetworkFactory(name="Arbeidslivsnettverket", slug="arbeid", goals=[goal("I1")])
    response = client.get(reverse("networks"))
    networks = list(response.context["networks"])
    assert [(n.name, n.member_count) for n in networks] == [
        ("Arbeidslivsnettverket", 0),
        ("Hydrogennettverket", 2),
    ]
    assert [g.code for g in networks[1].goals.all()] == ["S2", "N1"]
    page = text(response)
    assert "0 medlemsorganisasjoner" in page
    assert "2 medlemsorganisasjoner" in page
    assert "N1 Grønn omstilling og redusert klimagassutslipp" in page
    html = response.content.decode()
    n1 = goal("N1")
    assert f"area-colour-{n1.focus_area_id}" in html
    assert f'href="{reverse("network_detail", args=["hydrogen"])}"' in html


def test_the_list_without_networks(client, db):
    response = client.get(reverse("networks"))
    assert "Ingen fagnettverk er registrert ennå." in text(response)


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_queries_do_not_grow(client, db, count, django_assert_num_queries):
    for n in range(count):
        network = NetworkFactory(goals=[goal("I1"), goal("N2")])
        network.organisations.set([OrganisationFactory() for _ in range(n + 1)])
    client.get(reverse("networks"))  # warm the caches
    # networks with their member counts, their goals with focus areas
    with django_assert_num_queries(2):
        response = client.get(reverse("networks"))
    assert len(response.context["networks"]) == count


def test_the_plan_links_each_network_to_its_page(client, network):
    html = client.get(reverse("plan")).content.decode()
    assert '<a class="ds-link" href="/networks/hydrogen/">Hydrogennettverket</a>' in html


# one network ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_a_network(role, client_as, network):
    response = client_as(role).get(reverse("network_detail", args=["hydrogen"]))
    assert response.status_code == 200
    assert response.context["network"] == network


def test_an_unknown_network_is_404(client, network):
    assert client.get(reverse("network_detail", args=["finnes-ikke"])).status_code == 404


def test_a_network_page_shows_lead_goals_and_members(client, network):
    page = text(client.get(reverse("network_detail", args=["hydrogen"])))
    assert "Bedrifter som satser på hydrogen." in page
    assert "Koordinerende organisasjon Telemark Næringsråd" in page
    assert "Telemark Næringsråd (koordinerer)" in page
    assert "Yara Porsgrunn" in page
    assert page.index("S2 ") < page.index("N1 Grønn omstilling")
    assert "Ingen programpost fra dette fagnettverket er i et publisert program ennå." in page
    assert "Ingen oppfølgingspunkter" in page


def test_a_network_page_in_nynorsk(client, network):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    page = text(client.get(reverse("network_detail", args=["hydrogen"])))
    assert "Verksemder som satsar på hydrogen." in page
    assert "N1 Grøn omstilling og redusert klimagassutslepp" in page
    assert "Hovudmål det bidreg til" in page


def test_only_sessions_of_the_latest_published_version_are_shown(
    client, conference, network, adviser
):
    published = network_session(conference, network, "Hydrogen i Grenland")
    publish(conference, [published], adviser)
    # renamed after publishing: the public still sees the published title
    published.title = "Nytt navn som ikke er publisert"
    published.save()
    # accepted, but not in a published version
    network_session(conference, network, "Upublisert hydrogenpost")
    # a proposal under review
    network_session(conference, network, "Forslag under vurdering", state=SessionState.SUBMITTED)
    # another network's session in the same programme version is not this network's
    other = NetworkFactory(name="Annet nettverk", slug="annet")
    # a draft conference's published programme stays private
    draft = ConferenceFactory(status=ConferenceStatus.DRAFT)
    hidden = network_session(draft, network, "Utkastkonferansens post")
    publish(draft, [hidden], adviser)
    response = client.get(reverse("network_detail", args=["hydrogen"]))
    editions = response.context["page"].editions
    assert [(e.conference, [s.title for s in e.sessions]) for e in editions] == [
        (conference, ["Hydrogen i Grenland"])
    ]
    page = text(response)
    for secret in (
        "Nytt navn som ikke er publisert",
        "Upublisert hydrogenpost",
        "Forslag under vurdering",
        "Utkastkonferansens post",
    ):
        assert secret not in page
    html = response.content.decode()
    item = reverse("programme_item", args=[conference.slug, published.pk])
    assert f'href="{item}"' in html
    other_page = client.get(reverse("network_detail", args=[other.slug]))
    assert other_page.context["page"].editions == []


def test_a_session_taken_out_of_the_latest_version_is_no_longer_shown(
    client, conference, network, adviser
):
    first = network_session(conference, network, "Først med")
    second = network_session(conference, network, "Blir værende", owner=first.owner)
    publish(conference, [first, second], adviser)
    from conferences.domain.schedule import unplace_session

    unplace_session(first, by=adviser)
    publish_programme(conference, by=adviser)
    editions = client.get(reverse("network_detail", args=["hydrogen"])).context["page"].editions
    assert [[s.title for s in e.sessions] for e in editions] == [["Blir værende"]]


def test_a_network_named_after_publishing_shows_only_with_the_next_version(
    client, conference, network, adviser
):
    """The page shows what the published programme says, not an edit made since."""
    session = network_session(conference, network, "Hydrogen i Grenland")
    other = network_session(conference, None, "Kompetanse for industrien", owner=session.owner)
    publish(conference, [session, other], adviser)
    Session.objects.filter(pk=other.pk).update(network=network)

    def titles():
        page = client.get(reverse("network_detail", args=["hydrogen"])).context["page"]
        return [[s.title for s in e.sessions] for e in page.editions]

    assert titles() == [["Hydrogen i Grenland"]]
    Session.objects.filter(pk=other.pk).update(duration=45)  # a real change to publish
    publish_programme(conference, by=adviser)
    assert titles() == [["Hydrogen i Grenland", "Kompetanse for industrien"]]


def test_sessions_are_grouped_by_conference_newest_first(client, conference, network, adviser):
    older = ConferenceFactory(title="Møteplass Telemark 2029", slug="mt-2029", year=2029)
    publish(older, [network_session(older, network, "Hydrogen 2029")], adviser)
    publish(conference, [network_session(conference, network, "Hydrogen 2031")], adviser)
    page = client.get(reverse("network_detail", args=["hydrogen"])).context["page"]
    assert [(e.conference.slug, [s.title for s in e.sessions]) for e in page.editions] == [
        ("moteplass-2031", ["Hydrogen 2031"]),
        ("mt-2029", ["Hydrogen 2029"]),
    ]


def commitment(conference, network, title, **kwargs):
    priority = PriorityFactory(conference=conference)
    return CommitmentFactory(
        priority=priority, responsible_network=network, title_nb=title, title_nn=title, **kwargs
    )


def test_only_commitments_of_published_reports_are_shown(client, conference, network, adviser):
    conference.report_published_at = timezone.now()
    conference.save()
    shown = commitment(
        conference,
        network,
        "Hydrogenstrategi for Grenland",
        state=CommitmentState.IN_PROGRESS,
        due_date=dt.date(2031, 12, 1),
    )
    unpublished = ConferenceFactory()
    commitment(unpublished, network, "Hemmelig oppfølgingspunkt")
    other = NetworkFactory(slug="annet")
    commitment(conference, other, "Et annet nettverks punkt")
    response = client.get(reverse("network_detail", args=["hydrogen"]))
    assert response.context["page"].commitments == [shown]
    page = text(response)
    assert "Hydrogenstrategi for Grenland Møteplass Telemark 2031 I gang 1. desember 2031" in page
    assert "Hemmelig oppfølgingspunkt" not in page
    assert "Et annet nettverks punkt" not in page
    url = reverse("commitment_detail", args=[conference.slug, shown.pk])
    assert f'href="{url}"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_network_page_queries_do_not_grow(
    client, conference, network, adviser, count, django_assert_num_queries
):
    conference.report_published_at = timezone.now()
    conference.save()
    older = ConferenceFactory(year=2029, slug="mt-2029", report_published_at=timezone.now())
    for edition in (older, conference):
        owner = OrganisationFactory()
        sessions = [
            network_session(edition, network, f"Post {n}", owner=owner) for n in range(count)
        ]
        publish(edition, sessions, adviser)
        for n in range(count):
            commitment(edition, network, f"Punkt {n}")
    network.organisations.add(*[OrganisationFactory() for _ in range(count)])
    url = reverse("network_detail", args=["hydrogen"])
    client.get(url)  # warm the caches
    # the network with its lead, its goals, its members, its sessions, the latest versions
    # with their conferences, the commitments with their conferences
    with django_assert_num_queries(5):
        response = client.get(url)
    page = response.context["page"]
    assert [len(e.sessions) for e in page.editions] == [count, count]
    assert len(page.commitments) == 2 * count

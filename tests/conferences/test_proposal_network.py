"""Partners say which network (fagnettverk) runs a programme item: the choice lists the networks
the proposing organisation is a member of first, the network is part of the proposal's recorded
content (history), it applies at once also after acceptance (no change request), and the
proposal and review pages show it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.domain.proposals import content_of, edit_proposal
from conferences.enums import SessionState
from conferences.models import ChangeRequest, Session
from moteplass.audit import history_for
from tests.conferences.test_proposal_views import (
    edit_data,
    messages_of,
    page,
    proposal,
    proposal_data,
    url,
)
from tests.factories import NetworkFactory, OrganisationFactory, goal

pytestmark = pytest.mark.django_db

S = SessionState


@pytest.fixture
def open_call(conference):
    now = timezone.now()
    conference.call_opens = now - dt.timedelta(days=7)
    conference.call_closes = now + dt.timedelta(days=14)
    conference.save()
    return conference


@pytest.fixture
def networks(partner_org):
    """Three networks; NHO is a member of "Verdiskaping" only."""
    member_of = NetworkFactory(name="Verdiskaping", slug="verdiskaping", goals=[goal("S1")])
    member_of.organisations.set([partner_org, OrganisationFactory()])
    return {
        "arbeid": NetworkFactory(name="Arbeidsliv", slug="arbeid", goals=[goal("I1")]),
        "hydrogen": NetworkFactory(name="Hydrogen", slug="hydrogen", goals=[goal("N1")]),
        "verdiskaping": member_of,
    }


def network_choices(response) -> list[tuple[str, str]]:
    field = response.context["form"]["network"]
    return [(str(value), str(label)) for value, label in field.field.choices]


def test_the_choice_lists_the_owners_networks_first_and_marked(
    client, open_call, partner_org, editor, networks
):
    client.force_login(editor)
    response = client.get(url("proposal_create", open_call))
    assert network_choices(response) == [
        ("", "Ingen fagnettverk"),
        (str(networks["verdiskaping"].pk), "Verdiskaping (medlem: NHO Vestfold og Telemark)"),
        (str(networks["arbeid"].pk), "Arbeidsliv"),
        (str(networks["hydrogen"].pk), "Hydrogen"),
    ]


def test_the_edit_form_marks_the_networks_of_the_owner(
    client, conference, partner_org, rival_org, adviser, networks
):
    networks["hydrogen"].organisations.add(rival_org)
    session = proposal(conference, rival_org, network=networks["hydrogen"])
    client.force_login(adviser)
    response = client.get(url("proposal_edit", conference, session.pk))
    assert [label for _value, label in network_choices(response)] == [
        "Ingen fagnettverk",
        "Hydrogen (medlem: Skien kommune)",
        "Arbeidsliv",
        "Verdiskaping",
    ]
    assert response.context["form"]["network"].value() == networks["hydrogen"].pk


def test_a_partner_proposes_an_item_run_by_a_network(
    client, open_call, partner_org, editor, networks
):
    client.force_login(editor)
    data = proposal_data(partner_org, network=str(networks["hydrogen"].pk))
    response = client.post(url("proposal_create", open_call), data)
    session = Session.objects.get()
    assert response["Location"] == url("proposal_detail", open_call, session.pk)
    assert session.network == networks["hydrogen"]
    assert content_of(session)["network"] == networks["hydrogen"].pk
    created = history_for(session).get()
    assert [row for row in created.changes if row["field"] == "network"] == [
        {"field": "network", "label": "fagnettverk", "before": None, "after": "Hydrogen"}
    ]


def test_without_a_network_the_content_has_no_network(client, open_call, partner_org, editor):
    client.force_login(editor)
    client.post(url("proposal_create", open_call), proposal_data(partner_org, network=""))
    session = Session.objects.get()
    assert session.network is None
    assert "network" not in content_of(session)
    assert "network" not in {row["field"] for row in history_for(session).get().changes}


def test_an_unknown_network_is_refused_and_nothing_is_saved(
    client, open_call, partner_org, editor, networks
):
    client.force_login(editor)
    response = client.post(
        url("proposal_create", open_call), proposal_data(partner_org, network="999999")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["network"] == ["Velg et av fagnettverkene i listen."]
    assert Session.objects.count() == 0


def test_changing_the_network_of_an_accepted_item_applies_at_once(
    client, conference, partner_org, editor, networks
):
    session = proposal(conference, partner_org, S.ACCEPTED, network=networks["arbeid"])
    client.force_login(editor)
    response = client.post(
        url("proposal_edit", conference, session.pk),
        edit_data(session, network=str(networks["verdiskaping"].pk)),
    )
    assert response["Location"] == url("proposal_detail", conference, session.pk)
    assert messages_of(response) == ["Forslaget er lagret."]
    session.refresh_from_db()
    assert session.network == networks["verdiskaping"]
    assert ChangeRequest.objects.count() == 0
    entry = history_for(session).get()
    assert (entry.action, entry.user) == ("conferences.session.update", editor)
    assert entry.changes == [
        {
            "field": "network",
            "label": "fagnettverk",
            "before": "Arbeidsliv",
            "after": "Verdiskaping",
        }
    ]


def test_a_partner_takes_the_network_off_the_item(
    client, conference, partner_org, editor, networks
):
    session = proposal(conference, partner_org, network=networks["hydrogen"])
    client.force_login(editor)
    client.post(url("proposal_edit", conference, session.pk), edit_data(session, network=""))
    session.refresh_from_db()
    assert session.network is None
    assert history_for(session).get().changes == [
        {"field": "network", "label": "fagnettverk", "before": "Hydrogen", "after": None}
    ]


def test_a_change_request_leaves_the_network_to_the_direct_edit(
    conference, partner_org, editor, networks
):
    session = proposal(conference, partner_org, S.ACCEPTED, network=networks["arbeid"])
    content = {**content_of(session), "title": "Ny tittel", "network": networks["hydrogen"].pk}
    result = edit_proposal(session, by=editor, content=content)
    session.refresh_from_db()
    assert (session.title, session.network) == (session.title, networks["hydrogen"])
    assert result.change_request.proposed == {"title": "Ny tittel"}
    assert [row["field"] for row in result.applied] == ["network"]


def test_the_proposal_and_review_pages_show_the_network(
    client, conference, partner_org, editor, adviser, networks
):
    session = proposal(conference, partner_org, S.SUBMITTED, network=networks["hydrogen"])
    client.force_login(editor)
    assert "<dt>Fagnettverk</dt><dd>Hydrogen</dd>" in page(
        client.get(url("proposal_detail", conference, session.pk))
    )
    client.force_login(adviser)
    review = page(client.get(reverse("review_detail", args=[conference.slug, session.pk])))
    assert "<dt>Fagnettverk</dt><dd>Hydrogen</dd>" in review


def test_an_item_without_a_network_shows_a_dash(client, conference, partner_org, editor):
    session = proposal(conference, partner_org, S.SUBMITTED)
    client.force_login(editor)
    body = page(client.get(url("proposal_detail", conference, session.pk)))
    assert "<dt>Fagnettverk</dt><dd>–</dd>" in body

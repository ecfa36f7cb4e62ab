import pytest
from django.urls import reverse
from django.utils import translation

from conferences.models import ConferencePartner
from moteplass.audit import history_for
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_adviser_adds_partners_and_each_only_once(client, adviser, conference, partner_org):
    usn = OrganisationFactory(name="Universitetet i Sørøst-Norge", slug="usn")
    nav = OrganisationFactory(name="NAV Vestfold og Telemark", slug="nav")
    client.force_login(adviser)
    url = reverse("partner_list", args=[conference.slug])
    candidates = client.get(url).context["form"].fields["organisations"].queryset
    assert partner_org not in candidates
    response = client.post(url, {"organisations": [usn.pk, nav.pk]})
    assert response.status_code == 302
    names = sorted(
        ConferencePartner.objects.filter(conference=conference).values_list(
            "organisation__name", flat=True
        )
    )
    assert names == [
        "NAV Vestfold og Telemark",
        "NHO Vestfold og Telemark",
        "Universitetet i Sørøst-Norge",
    ]
    entry = history_for(conference).get()
    assert (entry.action, entry.data["organisations"]) == (
        "conferences.partner.add",
        ["NAV Vestfold og Telemark", "Universitetet i Sørøst-Norge"],
    )
    response = client.post(url, {"organisations": [partner_org.pk]})  # already a partner
    assert response.status_code == 200
    assert ConferencePartner.objects.filter(conference=conference).count() == 3


def test_choosing_nothing_is_a_clear_error(client, adviser, conference):
    client.force_login(adviser)
    response = client.post(reverse("partner_list", args=[conference.slug]), {})
    with translation.override("nb"):
        assert response.context["form"].errors["organisations"] == ["Velg minst én organisasjon."]


def test_adviser_removes_a_partner_after_confirming(client, adviser, conference, partner_org):
    partner = ConferencePartner.objects.get(conference=conference, organisation=partner_org)
    client.force_login(adviser)
    url = reverse("partner_remove", args=[conference.slug, partner.pk])
    assert client.get(url).status_code == 200
    assert ConferencePartner.objects.filter(pk=partner.pk).exists()
    assert client.post(url).status_code == 302
    assert not ConferencePartner.objects.filter(pk=partner.pk).exists()
    assert history_for(conference).get().data == {"organisation": "NHO Vestfold og Telemark"}


def test_partner_sees_the_list_without_the_form(client, editor, conference, partner_org):
    client.force_login(editor)
    response = client.get(reverse("partner_list", args=[conference.slug]))
    assert response.context["read_only"] is True
    assert [p.organisation for p in response.context["partners"]] == [partner_org]
    assert 'name="organisations"' not in response.content.decode()

"""The Django admin covers every model, and goal edits there are logged like edits elsewhere."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from moteplass.audit import history_for
from partners.forms import OrganisationForm
from partners.models import Organisation, User
from tests.factories import goal
from tests.factories.partners import enrol_authenticator

pytestmark = pytest.mark.django_db

OUR_APPS = {"moteplass", "partners", "telemarksplanen", "conferences"}


@pytest.fixture
def superuser(db):
    """Staff must use two factors: the superuser has an authenticator app."""
    user = User.objects.create_superuser("admin@example.no", "admin-passord-123")
    enrol_authenticator(user)
    return user


def test_every_model_of_our_apps_is_in_the_admin():
    models = {m for m in apps.get_models() if m._meta.app_label in OUR_APPS}
    assert models - set(admin.site._registry) == set()


def test_admin_changelist_and_add_pages_load(client, superuser):
    client.force_login(superuser)
    for model in admin.site._registry:
        if model._meta.app_label not in OUR_APPS:
            continue
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist


def test_goal_edited_in_admin_is_logged(client, superuser):
    n2 = goal("N2")
    client.force_login(superuser)
    url = reverse("admin:telemarksplanen_goal_change", args=[n2.pk])
    data = {
        "focus_area": n2.focus_area_id,
        "code": "N2",
        "title_nb": n2.title_nb,
        "title_nn": "Berekraftig arealbruk",
        "title_en": n2.title_en,
        "description_nb": "",
        "description_nn": "",
        "description_en": "",
        "order": "2",
        "provisional": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    n2.refresh_from_db()
    assert n2.title_nn == "Berekraftig arealbruk"
    entry = history_for(n2).get()
    assert entry.user == superuser
    assert [c["field"] for c in entry.changes] == ["title_nn"]


def test_organisation_form_accepts_spaced_orgnr_and_rejects_bad_checksum():
    data = {"name": "USN", "slug": "usn", "sector": "utdanning", "written_standard": "nb"}
    good = OrganisationForm(data={**data, "orgnr": "964 982 953"})
    assert good.is_valid(), good.errors
    assert good.save().orgnr == "964982953"
    bad = OrganisationForm(data={**data, "slug": "usn2", "orgnr": "123 456 789"})
    assert bad.is_valid() is False
    assert list(bad.errors) == ["orgnr"]
    assert Organisation.objects.filter(slug="usn2").count() == 0


def test_network_needs_at_least_one_goal(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:partners_network_add"),
        {"name": "Folkehelsenettverket", "slug": "folkehelse", "goals": []},
    )
    assert response.status_code == 200
    assert "goals" in response.context["adminform"].form.errors
    response = client.post(
        reverse("admin:partners_network_add"),
        {"name": "Folkehelsenettverket", "slug": "folkehelse", "goals": [goal("I2").pk]},
    )
    assert response.status_code == 302

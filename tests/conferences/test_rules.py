"""The permission predicates per role (product.md: roles)."""

import pytest

from conferences.models import Conference
from tests.factories import ConferenceFactory, OrganisationFactory, RoomFactory, goal

pytestmark = pytest.mark.django_db

EXPECTED = {
    # role: (view conference, change conference, enter adviser area, edit goal, see goal history)
    "participant": (False, False, False, False, False),
    "other_editor": (False, False, False, False, True),
    "editor": (True, False, False, False, True),
    "coordinator": (True, False, False, False, True),
    "adviser": (True, True, True, True, True),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_permissions_per_role(role, person, conference, partner_org):
    user = person(role)
    room = RoomFactory(conference=conference)
    actual = (
        user.has_perm("conferences.view_conference", conference),
        user.has_perm("conferences.change_conference", conference),
        user.has_perm("conferences.view_adviser_area"),
        user.has_perm("telemarksplanen.change_goal", goal("I1")),
        user.has_perm("telemarksplanen.view_goal_history"),
    )
    assert actual == EXPECTED[role]
    assert user.has_perm("conferences.view_room", room) == EXPECTED[role][0]
    assert user.has_perm("conferences.change_room", room) == EXPECTED[role][1]


def test_anonymous_has_no_permission(conference):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert anonymous.has_perm("conferences.view_conference", conference) is False
    assert anonymous.has_perm("conferences.view_adviser_area") is False


def test_adviser_of_another_county_is_outside_the_conference(adviser, conference):
    other_county = OrganisationFactory(sector="fylkeskommune", slug="vestfold-fylkeskommune")
    theirs = ConferenceFactory(organiser=other_county)
    assert adviser.has_perm("conferences.view_conference", theirs) is False
    assert adviser.has_perm("conferences.change_conference", theirs) is False
    assert adviser.has_perm("conferences.change_conference", conference) is True


def test_partner_of_one_edition_is_outside_another(editor, conference):
    next_year = ConferenceFactory()
    assert editor.has_perm("conferences.view_conference", conference) is True
    assert editor.has_perm("conferences.view_conference", next_year) is False
    assert Conference.objects.count() == 2


def test_capabilities_are_resolved_with_one_query(adviser, conference, django_assert_num_queries):
    from partners.models import User

    user = User.objects.get(pk=adviser.pk)
    with django_assert_num_queries(1):
        for _ in range(5):
            user.has_perm("conferences.change_conference", conference)
            user.has_perm("conferences.view_adviser_area")

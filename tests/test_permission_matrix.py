"""Every URL × every role (house style rule 20).

The matrix must list every URL pattern of our own apps: a new view without an entry fails
``test_every_project_url_is_in_the_matrix``. A forbidden response must not leak the object and a
forbidden POST must change nothing.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conferences.models import Conference, Room
from telemarksplanen.models import Goal
from tests.conftest import ROLES
from tests.factories import RoomFactory, goal

pytestmark = pytest.mark.django_db

LOGIN = "login"  # a redirect to the log-in page
A, P, OE, E, C, ADV = ROLES  # anonymous, participant, other_editor, editor, coordinator, adviser


def everyone(status):
    return dict.fromkeys(ROLES, status)


def advisers_only():
    return {A: LOGIN, P: 404, OE: 404, E: 404, C: 404, ADV: 200}


def conference_readers():
    """Advisers change, the conference's partners read, everybody else gets 404."""
    return {A: LOGIN, P: 404, OE: 404, E: 200, C: 200, ADV: 200}


# name → (args builder, expected GET status per role)
MATRIX = {
    "home": (lambda f: [], everyone(200)),
    "health": (lambda f: [], everyone(200)),
    "plan": (lambda f: [], everyone(200)),
    "plan_detail": (lambda f: ["telemarksplanen-2024-2028"], everyone(200)),
    "plan_colours": (lambda f: [], everyone(200)),
    "accessibility": (lambda f: [], everyone(200)),
    "privacy": (lambda f: [], everyone(200)),
    "set_language": (lambda f: [], everyone(405)),
    "profile": (lambda f: [], {**everyone(200), A: LOGIN}),
    "adviser_dashboard": (lambda f: [], advisers_only()),
    "conference_create": (lambda f: [], advisers_only()),
    "conference_edit": (lambda f: [f["conference"].slug], conference_readers()),
    "room_list": (lambda f: [f["conference"].slug], conference_readers()),
    "room_edit": (lambda f: [f["conference"].slug, f["room"].pk], conference_readers()),
    "room_delete": (lambda f: [f["conference"].slug, f["room"].pk], advisers_only()),
    "goal_list": (lambda f: [], advisers_only()),
    "goal_edit": (
        lambda f: [f["goal"].pk],
        {A: LOGIN, P: 404, OE: 200, E: 200, C: 200, ADV: 200},
    ),
}

THIRD_PARTY_NAMESPACES = ("admin",)


def project_url_names():
    """Named patterns of our own URLconf, leaving out allauth's and the admin's."""
    names = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
        elif isinstance(entry, URLResolver) and entry.namespace not in THIRD_PARTY_NAMESPACES:
            module = getattr(entry.urlconf_module, "__name__", "")
            if not module.startswith("allauth"):
                names.update(p.name for p in entry.url_patterns if getattr(p, "name", None))
    return names


def test_every_project_url_is_in_the_matrix():
    assert project_url_names() == set(MATRIX)


@pytest.fixture
def objects(conference, partner_org):
    return {
        "conference": conference,
        "room": RoomFactory(conference=conference),
        "goal": goal("I1"),
    }


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.parametrize("name,role", CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_get_status(name, role, client_as, objects):
    args_for, expected = MATRIX[name]
    url = reverse(name, args=args_for(objects))
    response = client_as(role).get(url)
    if expected[role] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code == expected[role]
    if response.status_code in (302, 403, 404) and name not in {"set_language"}:
        body = response.content.decode()
        assert objects["conference"].title not in body
        assert objects["room"].name not in body


# Views that change data: a POST by someone who may not change must change nothing.
POST_CASES = {
    "conference_edit": lambda f: {"title": "Endret", "slug": f["conference"].slug},
    "room_list": lambda f: {"name": "Ny sal", "capacity": "10", "order": "0"},
    "room_edit": lambda f: {"name": "Endret sal", "capacity": "10", "order": "0"},
    "room_delete": lambda f: {},
    "goal_edit": lambda f: {"title_nb": "Endret", "title_nn": "Endra"},
    "conference_create": lambda f: {"title": "Ny", "slug": "ny"},
}
FORBIDDEN_POST = {
    A: LOGIN,
    P: 404,
    OE: 404,
    E: 403,
    C: 403,
}


def state():
    return (
        list(Conference.objects.values().order_by("pk")),
        list(Room.objects.values().order_by("pk")),
        list(Goal.objects.values().order_by("pk")),
    )


POST_PARAMS = [(name, role) for name in POST_CASES for role in FORBIDDEN_POST]


@pytest.mark.parametrize("name,role", POST_PARAMS, ids=[f"{n}-{r}" for n, r in POST_PARAMS])
def test_forbidden_post_changes_nothing(name, role, client_as, objects):
    args_for, get_expected = MATRIX[name]
    url = reverse(name, args=args_for(objects))
    before = state()
    response = client_as(role).post(url, POST_CASES[name](objects))
    expected = FORBIDDEN_POST[role]
    if get_expected[role] == 404:
        expected = 404  # outside the scope, POST reveals no more than GET
    elif name == "goal_edit" and role == OE:
        expected = 403  # any partner may read the goal's history, only advisers change it
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
    assert state() == before

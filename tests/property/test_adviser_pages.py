"""Hostile input against what advisers type on the day and in the lists' filters: the check-in
code and name search, and the query string of every page with a filter form."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from conferences.domain.schedule import publish_programme
from conferences.enums import RegistrationState
from conferences.forms.audit import ActivityLogFilterForm
from conferences.forms.invitations import InvitationFilterForm
from conferences.forms.mail import OutboxFilterForm
from conferences.forms.programme import FILTER_NAMES
from conferences.forms.registrations import RegistrationFilterForm
from conferences.forms.review import ReviewFilterForm
from conferences.models import Registration
from tests.factories import RegistrationFactory, open_registration, parallel_slot
from tests.property.conftest import (
    any_integer_text,
    assert_escaped,
    assert_unchanged,
    checked,
    database_state,
    hostile_text,
    isolated,
    new_client,
)

pytestmark = pytest.mark.django_db

R = RegistrationState


@pytest.fixture
def day(conference, adviser):
    """A published programme and three registrations: confirmed, checked in, waiting."""
    open_registration(conference)
    parallel_slot(conference, hour=10)
    publish_programme(conference, by=adviser, confirm_conflicts=True)
    people = {
        "confirmed": RegistrationFactory(
            conference=conference, first_name="Øyvind", last_name="Ås"
        ),
        "waiting": RegistrationFactory(conference=conference, state=R.WAITLISTED),
    }
    return {"conference": conference, **people}


codes = st.one_of(
    hostile_text,
    st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", max_size=70
    ),
    st.sampled_from(["https://x.no/checkin/?code=", "?ticket=", "/a/b/c/", "http://[::1", "//"]),
)


def code_url(name: str, conference, code: str) -> str:
    url = reverse(name, args=[conference.slug, "C0DE"])
    return url.replace("C0DE", quote(code, safe=""))


@given(code=codes, method=st.sampled_from(["get", "post"]), htmx=st.booleans())
def test_made_up_ticket_codes_never_fail_and_change_nothing(day, adviser, code, method, htmx):
    """A code in the address: an unknown one is a 404 that changes nothing."""
    conference = day["conference"]
    with isolated():
        client = new_client(adviser)
        before = database_state()
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        url = code_url("checkin_person", conference, code)
        response = checked(getattr(client, method)(url, **headers))
        assert_escaped(response)
        assert response.status_code in (404, 405)  # 405: a code ending in "/undo", by GET
        assert_unchanged(before, database_state(), response)


@pytest.mark.parametrize("who", ["confirmed", "waiting"])
def test_the_ticket_code_checks_in_exactly_a_confirmed_registration(day, adviser, who):
    """The control for the property above: the real code changes the one registration."""
    registration = day[who]
    url = reverse("checkin_person", args=[day["conference"].slug, registration.ticket_code])
    with isolated():
        response = checked(new_client(adviser).post(url))
        assert response.status_code == 302
        registration.refresh_from_db()
        assert registration.state == (R.CHECKED_IN if who == "confirmed" else R.WAITLISTED)


queries = st.fixed_dictionaries(
    {},
    optional={
        "code": st.one_of(codes, st.lists(codes, min_size=2, max_size=3)),
        "q": st.one_of(hostile_text, st.sampled_from(["Øyvind", "ås", "ØYVIND Å", "a b c d e f"])),
        "page": any_integer_text(),
    },
)


@given(query=queries, htmx=st.booleans(), name=st.sampled_from(["checkin", "checkin_search"]))
def test_check_in_search_and_code_box_never_fail(day, adviser, query, htmx, name):
    url = reverse(name, args=[day["conference"].slug])
    with isolated():
        client = new_client(adviser)
        before = database_state()
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = checked(client.get(url, query, **headers))
        assert response.status_code in (200, 302, 400)
        assert_escaped(response)
        assert_unchanged(before, database_state(), response)
        event(f"status {response.status_code}")


def test_check_in_search_finds_a_name_in_any_case(day, adviser):
    """The control: the search the property fuzzes does find people."""
    url = reverse("checkin_search", args=[day["conference"].slug])
    response = checked(new_client(adviser).get(url, {"q": "øyvind ÅS"}, HTTP_HX_REQUEST="true"))
    assert [row.pk for row in response.context["results"]] == [day["confirmed"].pk]


def names_of(form_class) -> list[str]:
    return sorted(form_class.base_fields)


FILTER_PAGES = {
    "programme": ("programme", list(FILTER_NAMES)),
    "review": ("review_list", names_of(ReviewFilterForm)),
    "outbox": ("outbox", names_of(OutboxFilterForm)),
    "registrations": ("registrations", [*names_of(RegistrationFilterForm), "names"]),
    "registrations_csv": ("registrations_csv", [*names_of(RegistrationFilterForm), "names"]),
    "invitations": ("invitations", names_of(InvitationFilterForm)),
    "log": ("activity_log", names_of(ActivityLogFilterForm)),
    "erased": ("registration_erased", ["language"]),
}
COUNTY_PAGES = {
    "editions": ("editions_overview", ["plan"]),
    "county_log": ("activity_log_all", names_of(ActivityLogFilterForm)),
}


@st.composite
def query_strings(draw, names: list[str]) -> dict:
    values = st.one_of(hostile_text, any_integer_text(), st.sampled_from(["", "1", "nb", "S1"]))
    chosen = draw(st.lists(st.sampled_from([*names, "page"]), unique=True, max_size=len(names)))
    return {
        name: draw(st.one_of(values, st.lists(values, min_size=2, max_size=3))) for name in chosen
    }


@given(data=st.data(), page=st.sampled_from(sorted({**FILTER_PAGES, **COUNTY_PAGES})))
def test_filter_forms_never_fail_on_any_query_string(day, adviser, data, page):
    name, fields = {**FILTER_PAGES, **COUNTY_PAGES}[page]
    args = [] if page in COUNTY_PAGES else [day["conference"].slug]
    url = reverse(name, args=args)
    query = data.draw(query_strings(fields))
    with isolated():
        client = new_client(adviser)
        before = database_state()
        response = checked(client.get(url, query))
        # ListView answers a page number that is not a page with 404
        assert response.status_code in ((200, 302, 404) if "page" in query else (200, 302))
        if response["Content-Type"].startswith("text/html"):
            assert_escaped(response)
        assert_unchanged(before, database_state(), response)
    assert Registration.objects.filter(conference=day["conference"]).count() == 2

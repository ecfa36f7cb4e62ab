"""Hostile input against the participant's registration: the public form (with and without an
invitation), the pages behind the personal management link, and made-up tokens."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from conferences.domain.registration import _sector, register
from conferences.enums import AccessNeed, Allergen, Diet, RegistrationState, SignupState
from conferences.forms.registration import DetailsForm, RegistrationForm, SessionChoiceForm
from conferences.models import Invitation, Registration
from conferences.queries.participant import known_organisations, sessions_with_places
from conferences.queries.registration import municipalities
from partners.enums import Language, Sector
from partners.models import Municipality
from tests.factories import OrganisationFactory, open_registration, parallel_slot
from tests.property.conftest import (
    any_integer_text,
    as_data,
    assert_escaped,
    assert_unchanged,
    checked,
    database_state,
    field,
    form,
    hostile_text,
    isolated,
    new_client,
    post_form,
    tokens,
)

pytestmark = pytest.mark.django_db

R = RegistrationState
STORED = [
    "first_name",
    "last_name",
    "phone",
    "organisation_name",
    "job_title",
    "language",
    "diets",
    "allergens",
    "diet_other",
    "access_needs",
    "access_other",
    "listed",
    "photos",
]


@pytest.fixture
def setting(conference):
    """An open conference with two places left of three, at most two people per organisation,
    two time slots of two workshops each (one with a single place), and a registered person."""
    open_registration(conference, capacity=3, places_per_organisation=2)
    morning, morning_sessions = parallel_slot(conference, hour=10, capacities=(1, 20))
    afternoon, afternoon_sessions = parallel_slot(conference, hour=13, capacities=(None, 30))
    organisation = OrganisationFactory(
        name="Bø Sparebank", slug="bo-sparebank", sector="naeringsliv"
    )
    kari = register(
        conference,
        values={
            "first_name": "Kari",
            "last_name": "Nordmann",
            "email": "kari@example.no",
            "language": "nb",
            "organisation": organisation,
        },
        sessions=[morning_sessions[0]],
    )
    return {
        "conference": conference,
        "slots": [morning, afternoon],
        "sessions": [*morning_sessions, *afternoon_sessions],
        "organisation": organisation,
        "registration": kari,
    }


def ids(rows) -> list[str]:
    return [str(row.pk) for row in rows]


def participant_fields(setting) -> dict:
    organisations = ids(known_organisations())
    municipality_ids = ids(Municipality.objects.all()[:5])
    numbers = st.one_of(hostile_text, any_integer_text())
    return {
        "first_name": field(st.sampled_from(["Kari", "Áile", "Øyvind", "Jean-Luc", "O’Neill"])),
        "last_name": field(st.sampled_from(["Nordmann", "Ŋuolja-Čáhppes", "Ås", "van der Berg"])),
        "phone": field(st.sampled_from(["", "91234567", "+47 912 34 567", "0046 70 123 45 67"])),
        "organisation": field(st.sampled_from(["", *organisations]), hostile=numbers),
        "organisation_name": field(st.sampled_from(["", "Skien kommune", "Bø Sparebank"])),
        # a sector always: it is required with an organisation_name (and ignored without)
        "sector": field(st.sampled_from(Sector.values)),
        "job_title": field(st.sampled_from(["", "Rådgiver", "Dagleg leiar"])),
        "municipality": field(st.sampled_from(["", *municipality_ids]), hostile=numbers),
        "language": field(st.sampled_from(Language.values)),
        "diets": field(st.lists(st.sampled_from(Diet.values), unique=True, max_size=3)),
        "allergens": field(st.lists(st.sampled_from(Allergen.values), unique=True, max_size=3)),
        "diet_other": field(st.sampled_from(["", "Ingen løk, takk."])),
        "access_needs": field(st.lists(st.sampled_from(AccessNeed.values), unique=True)),
        "access_other": field(st.sampled_from(["", "Trinnfri inngang"])),
        "listed": field(st.sampled_from(["on", ""])),
        "photos": field(st.sampled_from(["on", ""])),
    }


def session_fields(setting) -> dict:
    """One radio group per time slot: a session of the slot (or none); wrong: another slot's
    session, a number of nothing, hostile text."""
    every = ids(setting["sessions"])
    wrong = st.one_of(st.sampled_from(every), hostile_text, any_integer_text())
    fields = {}
    for slot in setting["slots"]:
        own = ids(session for session in setting["sessions"] if session.slot_id == slot.pk)
        fields[f"session_{slot.pk}"] = field(st.sampled_from(["", *own]), hostile=wrong)
    return fields


def registration_form(setting):
    emails = st.one_of(
        st.emails(),
        st.sampled_from(["ola@example.no", "KARI@example.no", " per@example.no ", "a@b"]),
    )
    keys = st.one_of(hostile_text, st.uuids().map(str))
    return form(
        {
            **participant_fields(setting),
            **session_fields(setting),
            "email": field(emails),
            "creation_key": field(st.uuids(version=4).map(str), hostile=keys),
        }
    )


def form_kwargs(setting) -> dict:
    return {
        "organisations": known_organisations(),
        "municipalities": municipalities(),
    }


def assert_stored(registration, cleaned_form) -> None:
    """The row holds exactly what the form cleaned (read back from the database)."""
    registration.refresh_from_db()
    values = cleaned_form.values()
    stored = {name: getattr(registration, name) for name in STORED}
    assert stored == {name: values[name] for name in STORED}
    assert registration.organisation == values["organisation"]
    assert registration.municipality == values["municipality"]
    assert registration.sector == _sector(values)


def live_sessions(registration) -> set[int]:
    return set(
        registration.signups.filter(
            state__in=[SignupState.CONFIRMED, SignupState.WAITLISTED]
        ).values_list("session_id", flat=True)
    )


def post_registration(setting, data, *, url):
    with isolated():
        before = database_state()
        existing = set(Registration.objects.values_list("pk", flat=True))
        response = checked(new_client().post(url, data))
        assert_escaped(response)
        event(f"status {response.status_code}")
        if response.status_code != 303:
            assert response.status_code == 200
            assert_unchanged(before, database_state(), response)
            return
        created = list(Registration.objects.exclude(pk__in=existing))
        assert len(created) == 1
        cleaned = RegistrationForm(
            as_data(data),
            sessions=list(sessions_with_places(setting["conference"])),
            **form_kwargs(setting),
        )
        assert cleaned.is_valid(), cleaned.errors
        registration = created[0]
        assert_stored(registration, cleaned)
        assert registration.email == cleaned.cleaned_data["email"]
        assert registration.state in (R.CONFIRMED, R.WAITLISTED)
        assert live_sessions(registration) == {s.pk for s in cleaned.chosen_sessions()}
        assert response["Location"] == reverse(
            "registration_manage", args=[registration.manage_token]
        )


@given(data=st.data())
def test_registration_form_never_fails_and_writes_everything_or_nothing(setting, data):
    url = reverse("register", args=[setting["conference"].slug])
    post_registration(setting, data.draw(registration_form(setting)), url=url)


@pytest.fixture
def invitation(setting):
    return Invitation.objects.create(
        conference=setting["conference"], first_name="Per", last_name="Li", email="per@example.no"
    )


@given(data=st.data())
def test_registration_form_of_an_invitation_never_fails(setting, invitation, data):
    url = reverse("register_invited", args=[setting["conference"].slug, invitation.token])
    post_registration(setting, data.draw(registration_form(setting)), url=url)


def details_form(setting):
    return form(participant_fields(setting))


@given(data=st.data())
def test_details_change_never_fails_and_saves_everything_or_nothing(setting, data):
    post = data.draw(details_form(setting))
    url = reverse("registration_details", args=[setting["registration"].manage_token])
    with isolated():
        registration = Registration.objects.get(pk=setting["registration"].pk)
        response = post_form(new_client(), url, post)
        if response is None:
            return
        assert response.status_code == 303
        cleaned = DetailsForm(as_data(post), **form_kwargs(setting))
        assert cleaned.is_valid(), cleaned.errors
        assert_stored(registration, cleaned)


@given(data=st.data())
def test_session_change_never_fails_and_changes_all_sessions_or_none(setting, data):
    post = data.draw(form(session_fields(setting)))
    url = reverse("registration_sessions", args=[setting["registration"].manage_token])
    with isolated():
        registration = Registration.objects.get(pk=setting["registration"].pk)
        before = database_state()
        kept = live_sessions(registration)
        current = {
            s.slot_id: s.session_id
            for s in registration.signups.filter(
                state__in=[SignupState.CONFIRMED, SignupState.WAITLISTED]
            )
        }
        expected = SessionChoiceForm(
            as_data(post),
            sessions=list(sessions_with_places(setting["conference"])),
            current=current,
        )
        response = checked(new_client().post(url, post))
        assert_escaped(response)
        now = live_sessions(registration)
        event("changed" if now != kept else f"unchanged, status {response.status_code}")
        if response.status_code == 200 or now == kept:
            assert response.status_code in (200, 303)
            assert_unchanged(before, database_state(), response)
            return
        assert response.status_code == 303
        assert expected.is_valid(), expected.errors
        assert now == {session.pk for session in expected.chosen_sessions()}


TOKEN_PAGES = [
    "registration_manage",
    "registration_sessions",
    "registration_details",
    "registration_cancel",
    "registration_accept",
    "registration_ticket",
    "registration_ticket_pdf",
    "registration_ics",
    "registration_data",
    "registration_erase",
]


def token_url(name: str, token: str) -> str:
    placeholder = "T0KEN"
    return reverse(name, args=[placeholder]).replace(placeholder, quote(token, safe=""))


@given(
    name=st.sampled_from(TOKEN_PAGES),
    token=tokens(),
    method=st.sampled_from(["get", "post"]),
    body=form({"answer": field(st.just("yes")), "first_name": field(st.just("Kari"))}),
)
def test_made_up_management_tokens_are_404_and_change_nothing(setting, name, token, method, body):
    with isolated():
        before = database_state()
        client = new_client()
        response = checked(getattr(client, method)(token_url(name, token), body))
        if response.status_code != 405:  # accept takes only POST
            assert response.status_code == 404
        assert_unchanged(before, database_state(), response)


@given(
    token=tokens(),
    method=st.sampled_from(["get", "post"]),
    data=form({"first_name": field(st.just("Kari")), "creation_key": field(st.uuids().map(str))}),
)
def test_made_up_invitation_tokens_on_the_registration_form_are_404(setting, token, method, data):
    slug = setting["conference"].slug
    url = reverse("register_invited", args=[slug, "T0KEN"]).replace("T0KEN", quote(token, safe=""))
    with isolated():
        before = database_state()
        response = checked(getattr(new_client(), method)(url, data))
        assert response.status_code == 404
        assert_unchanged(before, database_state(), response)


@given(
    name=st.sampled_from(["registration_cancel", "registration_accept", "registration_erase"]),
    body=form({"state": field(st.just("confirmed")), "x": field(st.just("1"))}),
    language=st.sampled_from([None, "nb", "nn", "en", "", "xx", "../nb", "nb; Path=/"]),
)
def test_cancel_accept_and_erase_ignore_what_is_posted_with_them(setting, name, body, language):
    """Whatever comes with the post, cancel cancels, accept refuses (no offer) and erase
    erases, each in full; the language cookie may be anything."""
    url = reverse(name, args=[setting["registration"].manage_token])
    with isolated():
        before = database_state()
        response = checked(new_client(language=language).post(url, body))
        assert response.status_code == 303
        registration = Registration.objects.get(pk=setting["registration"].pk)
        if name == "registration_accept":
            assert_unchanged(before, database_state(), response)
        elif name == "registration_cancel":
            assert registration.state == R.CANCELLED
            assert live_sessions(registration) == set()
        else:
            assert registration.erased_at is not None
            assert (registration.first_name, registration.email) == ("", "")


def test_setting_is_what_the_properties_assume(setting):
    """A control for the properties above: a valid post registers (so the 303 branch runs)."""
    conference = setting["conference"]
    morning = setting["slots"][0]
    data = {
        "first_name": "Áile",
        "last_name": "Ŋuolja-Čáhppes",
        "email": "aile@example.no",
        "language": "nn",
        f"session_{morning.pk}": str(setting["sessions"][1].pk),
        "creation_key": "5b0d2a4e-8a1f-4c47-9d2b-0f7c0d9a4e11",
    }
    with isolated():
        response = checked(new_client().post(reverse("register", args=[conference.slug]), data))
        assert response.status_code == 303
        registration = Registration.objects.get(email="aile@example.no")
        assert live_sessions(registration) == {setting["sessions"][1].pk}


def test_details_change_keeps_the_sector_of_a_listed_organisation(setting):
    """Regression: a participant of a listed organisation who changed any detail lost the
    organisation's sector (the form sends "" for it), so the dashboard counted them nowhere."""
    registration = setting["registration"]
    assert registration.sector == "naeringsliv"
    data = {
        "first_name": "Kari",
        "last_name": "Nordmann",
        "organisation": str(setting["organisation"].pk),
        "sector": "",
        "language": "nb",
        "listed": "on",
    }
    url = reverse("registration_details", args=[registration.manage_token])
    response = checked(new_client().post(url, data))
    assert response.status_code == 303
    registration.refresh_from_db()
    assert (registration.listed, registration.sector) == (True, "naeringsliv")


def test_management_link_with_a_nul_character_is_404(setting):
    """Regression: a NUL in the token reached the query, and PostgreSQL refused it (a 500)."""
    token = setting["registration"].manage_token
    for url in (f"/registration/{token}%00/", "/registration/%00/details/"):
        assert checked(new_client().get(url)).status_code == 404
    slug = setting["conference"].slug
    assert checked(new_client().get(f"/register/{slug}/invitation/%00/")).status_code == 404


def test_erasing_a_registration_logs_it_under_a_plain_text_name(setting):
    """Regression: an erased registration's ``__str__`` returned a lazy translation, not a str,
    so writing the erasure to the activity log failed (a 500 on "delete my data")."""
    url = reverse("registration_erase", args=[setting["registration"].manage_token])
    response = checked(new_client().post(url))
    assert response.status_code == 303
    registration = Registration.objects.get(pk=setting["registration"].pk)
    assert type(registration.__str__()) is str
    assert registration.erased_at is not None

"""The advisers' registration pages (list, summary, exports, registering someone, one
registration's page) and the partner coordinator's list of their organisation's registrations."""

import datetime as dt
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from conferences.enums import RegistrationState, SignupState
from conferences.models import OutboxMessage, Registration, SessionSignup
from moteplass.models import ActivityLog
from partners.models import Municipality
from tests.factories import (
    ConferenceFactory,
    OrganisationFactory,
    RegistrationFactory,
    open_registration,
    parallel_slot,
)
from tests.support.spreadsheets import csv_rows, xlsx_rows

pytestmark = pytest.mark.django_db
R = RegistrationState
S = SignupState

NOT_ADVISERS = ["participant", "editor", "coordinator", "other_adviser"]


# --- helpers -------------------------------------------------------------------------------------


def municipality(name):
    return Municipality.objects.get(name=name)


def url(name, conference, *args):
    return reverse(name, args=[conference.slug, *args])


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def person(conference, first, last, **fields):
    email = fields.pop("email", f"{first}.{last}@example.no".lower())
    state = fields.get("state", R.CONFIRMED)
    if state == R.CHECKED_IN:
        fields.setdefault("checked_in_at", timezone.now())
    if state == R.OFFERED:
        fields.setdefault("offer_expires_at", timezone.now() + dt.timedelta(hours=48))
    return RegistrationFactory(
        conference=conference, first_name=first, last_name=last, email=email, **fields
    )


def sign_up(registration, session, state=S.CONFIRMED):
    return SessionSignup.objects.create(
        registration=registration, session=session, slot_id=session.slot_id, state=state
    )


def names(response):
    return [registration.full_name for registration in response.context["registrations"]]


@pytest.fixture
def conf(conference):
    return open_registration(conference, capacity=5)


@pytest.fixture
def adviser_client(client, adviser):
    client.force_login(adviser)
    return client


@pytest.fixture
def crowd(conf, partner_org, rival_org):
    """Six registrations in every state, two sessions and two municipalities."""
    _slot, (hydrogen, fagbrev) = parallel_slot(
        conf, capacities=(2, 20), titles=["Hydrogen i Grenland", "Fagbrev på jobb"]
    )
    skien, bo = municipality("Skien"), municipality("Midt-Telemark")
    people = {
        "aase": person(
            conf,
            "Åse",
            "Ødegård",
            organisation=partner_org,
            sector="naeringsliv",
            municipality=skien,
            diets=["vegetarian"],
            allergens=["peanuts", "egg"],
            diet_other="Ingen koriander",
            access_needs=["wheelchair"],
            access_other="Trenger teleslynge i salen",
            phone="+4791234567",
            job_title="Daglig leder",
        ),
        "bjorn": person(
            conf,
            "Bjørn",
            "Berg",
            organisation=rival_org,
            sector="kommune",
            municipality=skien,
            state=R.CHECKED_IN,
            diets=["vegetarian", "halal"],
        ),
        "cecilie": person(
            conf, "Cecilie", "Dahl", organisation_name="Bø Sparebank", municipality=bo
        ),
        "dag": person(conf, "Dag", "Eik", state=R.WAITLISTED, allergens=["peanuts"]),
        "eva": person(conf, "Eva", "Foss", state=R.OFFERED, organisation=partner_org),
        "frank": person(conf, "Frank", "Gran", state=R.CANCELLED, diets=["vegan"]),
    }
    sign_up(people["aase"], hydrogen)
    sign_up(people["bjorn"], hydrogen)
    sign_up(people["cecilie"], fagbrev)
    sign_up(people["dag"], hydrogen, S.WANTED)
    return conf, people, (hydrogen, fagbrev)


ADVISER_URLS = [
    ("registrations", lambda f: []),
    ("registrations_summary", lambda f: []),
    ("registrations_csv", lambda f: []),
    ("registrations_xlsx", lambda f: []),
    ("registrations_catering_csv", lambda f: []),
    ("registrations_catering_xlsx", lambda f: []),
    ("registration_add", lambda f: []),
    ("registration_detail", lambda f: [f.pk]),
]


# --- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name,args", ADVISER_URLS)
@pytest.mark.parametrize("role", ["anonymous", *NOT_ADVISERS, "adviser"])
def test_adviser_registration_pages_only_for_the_conferences_advisers(
    client_as, conf, name, args, role
):
    registration = person(conf, "Kari", "Nordmann", diet_other="Hemmelig allergi")
    response = client_as(role).get(url(name, conf, *args(registration)))
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif role == "adviser":
        assert response.status_code == 200
    else:
        assert response.status_code == 404
        assert b"Hemmelig allergi" not in response.content
        assert b"Kari" not in response.content


@pytest.mark.parametrize("role", ["anonymous", *NOT_ADVISERS])
def test_forbidden_posts_change_nothing(client_as, conf, role):
    registration = person(conf, "Kari", "Nordmann", state=R.WAITLISTED)
    client = client_as(role)
    detail = url("registration_detail", conf, registration.pk)
    responses = [
        client.post(detail, {"action": "cancel", "cancel-confirm": "on"}),
        client.post(detail, {"action": "extra", "extra-reason": "Innleder"}),
        client.post(
            url("registration_add", conf),
            {
                "first_name": "Ola",
                "last_name": "Nordmann",
                "email": "ola@example.no",
                "language": "nb",
                "key": str(uuid.uuid4()),
            },
        ),
    ]
    expected = 302 if role == "anonymous" else 404
    assert [response.status_code for response in responses] == [expected] * 3
    registration.refresh_from_db()
    assert registration.state == R.WAITLISTED
    assert list(Registration.objects.values_list("email", flat=True)) == [
        "kari.nordmann@example.no"
    ]
    assert ActivityLog.objects.filter(object_id=registration.pk).count() == 0


def test_registration_of_another_conference_is_404(adviser_client, conf):
    other = person(ConferenceFactory(), "Kari", "Nordmann")
    response = adviser_client.get(url("registration_detail", conf, other.pk))
    assert response.status_code == 404
    response = adviser_client.post(
        url("registration_detail", conf, other.pk), {"action": "cancel", "cancel-confirm": "on"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.state == R.CONFIRMED


# --- the partner coordinator's view --------------------------------------------------------------


@pytest.mark.parametrize(
    "role,status",
    [
        ("anonymous", 302),
        ("participant", 404),
        ("other_editor", 404),
        ("rival_editor", 404),
        ("editor", 404),
        ("other_adviser", 404),
        ("adviser", 404),
        ("coordinator", 200),
    ],
)
def test_partner_registrations_only_for_coordinators_of_a_partner(client_as, crowd, role, status):
    conf, _people, _sessions = crowd
    response = client_as(role).get(url("partner_registrations", conf))
    assert response.status_code == status


def test_partner_registrations_show_own_organisation_without_health_or_contact(client_as, crowd):
    conf, people, _sessions = crowd
    response = client_as("coordinator").get(url("partner_registrations", conf))
    page = response.content.decode()
    assert names(response) == ["Eva Foss", "Åse Ødegård"]
    assert "Daglig leder" in page
    assert "Hydrogen i Grenland" in page
    for secret in [
        "Peanøtter",
        "Vegetar",
        "Rullestolbruker",
        "Ingen koriander",
        "Trenger teleslynge i salen",
        "aase.ødegård@example.no",
        "+4791234567",
        "Bjørn",  # another organisation
    ]:
        assert secret not in page


def test_partner_registrations_leave_out_cancelled(client_as, crowd, partner_org):
    conf, _people, _sessions = crowd
    person(conf, "Gunn", "Hauge", organisation=partner_org, state=R.CANCELLED)
    response = client_as("coordinator").get(url("partner_registrations", conf))
    assert names(response) == ["Eva Foss", "Åse Ødegård"]


# --- the list ------------------------------------------------------------------------------------


def test_list_shows_everyone_with_counts_at_the_top(adviser_client, crowd):
    conf, _people, _sessions = crowd
    response = adviser_client.get(url("registrations", conf))
    assert names(response) == [
        "Bjørn Berg",
        "Cecilie Dahl",
        "Dag Eik",
        "Eva Foss",
        "Frank Gran",
        "Åse Ødegård",
    ]
    assert response.context["counts"] == {
        "confirmed": 3,
        "checked_in": 1,
        "offered": 1,
        "waitlisted": 1,
        "cancelled": 1,
    }
    page = response.content.decode()
    assert "3 av 5" in page
    assert "Bø Sparebank" in page


@pytest.mark.parametrize(
    "query,expected",
    [
        ({"state": "waitlisted"}, ["Dag Eik"]),
        ({"state": "confirmed"}, ["Cecilie Dahl", "Åse Ødegård"]),
        ({"sector": "kommune"}, ["Bjørn Berg"]),
        ({"municipality": "none"}, ["Dag Eik", "Eva Foss", "Frank Gran"]),
        ({"checked_in": "yes"}, ["Bjørn Berg"]),
        (
            {"checked_in": "no"},
            ["Cecilie Dahl", "Dag Eik", "Eva Foss", "Frank Gran", "Åse Ødegård"],
        ),
        ({"q": "ødeg"}, ["Åse Ødegård"]),
        ({"q": "dag eik"}, ["Dag Eik"]),
        ({"q": "bjørn.berg@"}, ["Bjørn Berg"]),
        ({"q": "nobody-like-this"}, []),
    ],
)
def test_list_filters_give_exact_rows(adviser_client, crowd, query, expected):
    conf, _people, _sessions = crowd
    response = adviser_client.get(url("registrations", conf), query)
    assert names(response) == expected
    assert response.context["filter_form"].errors == {}


def test_list_filters_by_organisation_municipality_and_session(adviser_client, crowd, partner_org):
    conf, _people, (hydrogen, fagbrev) = crowd
    get = adviser_client.get
    by_organisation = get(url("registrations", conf), {"organisation": partner_org.pk})
    by_municipality = get(url("registrations", conf), {"municipality": municipality("Skien").pk})
    by_session = get(url("registrations", conf), {"session": hydrogen.pk})
    combined = get(url("registrations", conf), {"session": hydrogen.pk, "state": "checked_in"})
    assert names(by_organisation) == ["Eva Foss", "Åse Ødegård"]
    assert names(by_municipality) == ["Bjørn Berg", "Åse Ødegård"]
    assert names(by_session) == ["Bjørn Berg", "Dag Eik", "Åse Ødegård"]
    assert names(combined) == ["Bjørn Berg"]


def test_list_bad_filter_values_are_errors_and_ignored(adviser_client, crowd):
    conf, _people, _sessions = crowd
    response = adviser_client.get(
        url("registrations", conf),
        {
            "state": "bogus",
            "organisation": "abc",
            "municipality": "99999999999999999999",
            "session": "<script>",
            "checked_in": "maybe",
            "sector": "kommune",
        },
    )
    assert response.status_code == 200
    assert sorted(response.context["filter_form"].errors) == [
        "checked_in",
        "municipality",
        "organisation",
        "session",
        "state",
    ]
    assert names(response) == ["Bjørn Berg"]  # the valid sector filter still applies
    page = response.content.decode()
    assert "Velg et gyldig valg" in page
    assert "<script>" not in page
    assert response.context["query"] == "sector=kommune"


def test_list_export_links_keep_the_filters(adviser_client, crowd):
    conf, _people, _sessions = crowd
    response = adviser_client.get(url("registrations", conf), {"state": "confirmed", "q": "åse"})
    page = response.content.decode()
    query = "q=%C3%A5se&amp;state=confirmed"
    assert f"{url('registrations_csv', conf)}?{query}" in page
    assert f"{url('registrations_xlsx', conf)}?{query}" in page


def test_list_is_paginated_by_50(adviser_client, conf):
    for n in range(51):
        person(conf, f"Person{n:02}", "Nordmann")
    first = adviser_client.get(url("registrations", conf))
    second = adviser_client.get(url("registrations", conf), {"page": 2})
    assert len(first.context["registrations"]) == 50
    assert names(second) == ["Person50 Nordmann"]


# --- the summary ---------------------------------------------------------------------------------


def rows(summary_rows):
    return {row.label: row.count for row in summary_rows}


def test_summary_counts_sessions_municipalities_and_sectors(adviser_client, crowd):
    conf, _people, (hydrogen, fagbrev) = crowd
    response = adviser_client.get(url("registrations_summary", conf))
    summary = response.context["summary"]
    assert summary.total == 5  # the cancelled registration is not counted
    assert rows(summary.states) == {
        "Bekreftet": 2,
        "Sjekket inn": 1,
        "Tilbudt plass": 1,
        "På venteliste": 1,
    }
    assert [
        (row.session.title, row.capacity, row.confirmed, row.waitlisted, row.wanted)
        for row in summary.sessions
    ] == [("Fagbrev på jobb", 20, 1, 0, 0), ("Hydrogen i Grenland", 2, 2, 0, 1)]
    municipalities = rows(summary.municipalities)
    assert len(municipalities) == 17
    assert municipalities["Skien"] == 2
    assert municipalities["Midt-Telemark"] == 1
    assert sum(municipalities.values()) == 3
    assert summary.no_municipality == 2
    assert len(summary.municipalities_without_anyone) == 15
    assert rows(summary.sectors)["Næringsliv"] == 1
    assert rows(summary.sectors)["Kommune"] == 1
    assert rows(summary.sectors)["Ikke oppgitt"] == 3


def test_summary_flags_municipalities_without_anyone_in_text(adviser_client, crowd):
    conf, _people, _sessions = crowd
    page = adviser_client.get(url("registrations_summary", conf)).content.decode()
    assert "15 kommuner har ingen påmeldte:" in page
    assert "Bamble, Drangedal, Fyresdal" in page
    assert page.count("0 – ingen påmeldte") == 15
    assert (
        "Oppsummeringen teller 5 påmeldinger: alle som er bekreftet, sjekket inn, tilbudt plass "
        "eller på venteliste." in page
    )


def test_summary_counts_catering_and_needs_without_names(adviser_client, crowd):
    conf, _people, _sessions = crowd
    response = adviser_client.get(url("registrations_summary", conf))
    summary = response.context["summary"]
    assert rows(summary.diets) == {
        "Vegetar": 2,
        "Vegansk": 0,  # only the cancelled registration
        "Laktosefri": 0,
        "Glutenfri": 0,
        "Halal": 1,
        "Uten svinekjøtt": 0,
    }
    allergens = rows(summary.allergens)
    assert len(allergens) == 14
    assert allergens["Peanøtter"] == 2
    assert allergens["Egg"] == 1
    assert sum(allergens.values()) == 3
    assert [entry.text for entry in summary.diet_other] == ["Ingen koriander"]
    assert rows(summary.access_needs)["Rullestolbruker"] == 1
    assert [entry.text for entry in summary.access_other] == ["Trenger teleslynge i salen"]
    page = response.content.decode()
    assert "Ingen koriander" in page
    assert "Åse" not in page
    assert "Bjørn" not in page


def test_summary_shows_names_next_to_needs_when_asked(adviser_client, crowd):
    conf, _people, _sessions = crowd
    response = adviser_client.get(url("registrations_summary", conf), {"names": "1"})
    page = response.content.decode()
    assert "Åse Ødegård, Bjørn Berg" not in page  # sorted by last name
    assert "Bjørn Berg, Åse Ødegård" in page  # vegetarian
    assert "Dag Eik" in page
    assert "Ingen koriander – <strong>Åse Ødegård</strong>" in page


# --- exports -------------------------------------------------------------------------------------


FULL_HEADER = [
    "Fornavn",
    "Etternavn",
    "E-postadresse",
    "Telefon",
    "Organisasjon",
    "Sektor",
    "Rolle eller stilling",
    "Kommune",
    "Målform",
    "Status",
    "Programposter",
    "Kosthold",
    "Allergier",
    "Andre behov for mat eller allergier",
    "Behov for tilrettelegging",
    "Andre behov for tilrettelegging",
    "Kan stå på den publiserte deltakerlisten",
    "Kan være med på bilder fra konferansen",
    "Påmeldt",
    "Satt på venteliste",
    "Tilbudet går ut",
    "Sjekket inn",
    "Begrunnelse for plass utover kapasiteten",
]


def test_csv_export_has_every_field_and_neutralises_formulas(adviser_client, crowd, partner_org):
    conf, people, _sessions = crowd
    created = timezone.make_aware(dt.datetime(2031, 3, 1, 9, 30))
    person(
        conf,
        "=HYPERLINK(1)",
        "Æsir",
        email="formel@example.no",
        created_at=created,
        diet_other="+47 ring meg",
        job_title="-leder",
        organisation_name="@firma",
    )
    response = adviser_client.get(url("registrations_csv", conf), {"q": "formel"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert (
        response["Content-Disposition"] == 'attachment; filename="moteplass-2031-registrations.csv"'
    )
    assert csv_rows(response) == [
        FULL_HEADER,
        [
            "'=HYPERLINK(1)",
            "Æsir",
            "formel@example.no",
            "",
            "'@firma",
            "",
            "'-leder",
            "",
            "Bokmål",
            "Bekreftet",
            "",
            "",
            "",
            "'+47 ring meg",
            "",
            "",
            "Nei",
            "Nei",
            "2031-03-01 09:30",
            "",
            "",
            "",
            "",
        ],
    ]


def test_csv_export_of_a_person_with_health_fields_and_sessions(adviser_client, crowd):
    conf, _people, _sessions = crowd
    response = adviser_client.get(url("registrations_csv", conf), {"q": "åse"})
    row = dict(zip(FULL_HEADER, csv_rows(response)[1], strict=True))
    assert row["Fornavn"] == "Åse"
    assert row["Etternavn"] == "Ødegård"
    assert row["Telefon"] == "'+4791234567"
    assert row["Organisasjon"] == "NHO Vestfold og Telemark"
    assert row["Kommune"] == "Skien"
    assert row["Programposter"] == "Hydrogen i Grenland (Bekreftet)"
    assert row["Kosthold"] == "Vegetar"
    assert row["Allergier"] == "Peanøtter, Egg"
    assert row["Andre behov for mat eller allergier"] == "Ingen koriander"
    assert row["Behov for tilrettelegging"] == "Rullestolbruker"


def test_csv_export_follows_the_filters(adviser_client, crowd):
    conf, _people, _sessions = crowd
    response = adviser_client.get(url("registrations_csv", conf), {"state": "confirmed"})
    assert [row[:2] for row in csv_rows(response)[1:]] == [["Cecilie", "Dahl"], ["Åse", "Ødegård"]]


def test_xlsx_export_has_the_same_cells_as_text(adviser_client, crowd):
    conf, _people, _sessions = crowd
    person(conf, "=1+1", "Æsir", email="formel@example.no")
    response = adviser_client.get(url("registrations_xlsx", conf), {"state": "confirmed"})
    assert response["Content-Disposition"] == (
        'attachment; filename="moteplass-2031-registrations.xlsx"'
    )
    table = xlsx_rows(response, "Påmeldinger")
    assert table[0] == FULL_HEADER
    assert [row[:3] for row in table[1:]] == [
        ["Cecilie", "Dahl", "cecilie.dahl@example.no"],
        ["'=1+1", "Æsir", "formel@example.no"],
        ["Åse", "Ødegård", "åse.ødegård@example.no"],
    ]


CATERING_TOTALS = [
    ["Type", "Behov", "Antall"],
    ["Alle som er telt med", "", "5"],
    ["Kosthold", "Vegetar", "2"],
    ["Kosthold", "Vegansk", "0"],
    ["Kosthold", "Laktosefri", "0"],
    ["Kosthold", "Glutenfri", "0"],
    ["Kosthold", "Halal", "1"],
    ["Kosthold", "Uten svinekjøtt", "0"],
    ["Allergi", "Korn som inneholder gluten", "0"],
    ["Allergi", "Skalldyr", "0"],
    ["Allergi", "Egg", "1"],
    ["Allergi", "Fisk", "0"],
    ["Allergi", "Peanøtter", "2"],
    ["Allergi", "Soya", "0"],
    ["Allergi", "Melk (laktose)", "0"],
    ["Allergi", "Nøtter", "0"],
    ["Allergi", "Selleri", "0"],
    ["Allergi", "Sennep", "0"],
    ["Allergi", "Sesamfrø", "0"],
    ["Allergi", "Sulfitter", "0"],
    ["Allergi", "Lupin", "0"],
    ["Allergi", "Bløtdyr", "0"],
    ["Andre behov for mat eller allergier", "Ingen koriander", "1"],
]


def test_catering_csv_lists_people_with_needs_then_totals(adviser_client, crowd):
    conf, _people, _sessions = crowd
    response = adviser_client.get(url("registrations_catering_csv", conf))
    assert csv_rows(response) == [
        ["Navn", "Organisasjon", "Kosthold", "Allergier", "Andre behov for mat eller allergier"],
        ["Bjørn Berg", "Skien kommune", "Vegetar, Halal", "", ""],
        ["Dag Eik", "", "", "Peanøtter", ""],
        ["Åse Ødegård", "NHO Vestfold og Telemark", "Vegetar", "Peanøtter, Egg", "Ingen koriander"],
        [],
        *CATERING_TOTALS,
    ]


def test_catering_csv_without_names_gives_totals_only(adviser_client, crowd):
    conf, _people, _sessions = crowd
    response = adviser_client.get(url("registrations_catering_csv", conf), {"names": "0"})
    assert csv_rows(response) == CATERING_TOTALS
    assert "Åse" not in response.content.decode()


def test_catering_xlsx_has_people_and_totals_sheets(adviser_client, crowd):
    conf, _people, _sessions = crowd
    with_names = adviser_client.get(url("registrations_catering_xlsx", conf))
    totals_only = adviser_client.get(url("registrations_catering_xlsx", conf), {"names": "0"})
    assert [row[0] for row in xlsx_rows(with_names, "Deltakere")] == [
        "Navn",
        "Bjørn Berg",
        "Dag Eik",
        "Åse Ødegård",
    ]
    assert xlsx_rows(with_names, "Totalt") == CATERING_TOTALS
    assert xlsx_rows(totals_only) == CATERING_TOTALS


def test_catering_export_is_in_the_advisers_language(client, adviser, crowd):
    conf, _people, _sessions = crowd
    adviser.language = "nn"
    adviser.save(update_fields=["language"])
    client.force_login(adviser)
    response = client.get(url("registrations_catering_csv", conf), {"names": "0"})
    assert csv_rows(response)[:3] == [
        ["Type", "Behov", "Tal"],
        ["Alle som er talde med", "", "5"],
        ["Kosthald", "Vegetar", "2"],
    ]


# --- registering someone -------------------------------------------------------------------------


def form_data(**extra):
    return {
        "first_name": "Ánte",
        "last_name": "Ŋuorra-Ødegård",
        "email": "ante@example.no",
        "phone": "912 34 567",
        "organisation_name": "Sámi allaskuvla",
        "sector": "utdanning",
        "job_title": "Rektor",
        "municipality": municipality("Vinje").pk,
        "language": "nn",
        "diets": ["vegan"],
        "allergens": ["nuts", "sesame"],
        "diet_other": "",
        "access_needs": ["front_seat"],
        "access_other": "",
        "reason": "",
        "key": str(uuid.uuid4()),
        **extra,
    }


def test_adviser_registers_someone_with_a_confirmed_place(adviser_client, conf, adviser):
    response = adviser_client.post(url("registration_add", conf), form_data())
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == url("registration_detail", conf, registration.pk)
    assert (registration.state, registration.full_name) == (R.CONFIRMED, "Ánte Ŋuorra-Ødegård")
    assert registration.phone == "+4791234567"
    assert registration.allergens == ["nuts", "sesame"]
    assert registration.municipality.name == "Vinje"
    assert flashed(response) == ["Ánte Ŋuorra-Ødegård er meldt på med bekreftet plass."]
    log = ActivityLog.objects.get(action="conferences.registration.confirmed")
    assert log.user == adviser
    assert OutboxMessage.objects.filter(to_email="ante@example.no").count() == 1


def test_adviser_registers_on_the_waiting_list_when_full(adviser_client, conf):
    for n in range(5):
        person(conf, f"Person{n}", "Nordmann")
    response = adviser_client.post(url("registration_add", conf), form_data())
    assert Registration.objects.get(email="ante@example.no").state == R.WAITLISTED
    assert flashed(response) == ["Ánte Ŋuorra-Ødegård er meldt på og satt på venteliste."]


def test_adviser_registers_beyond_capacity_with_a_logged_reason(adviser_client, conf, adviser):
    for n in range(5):
        person(conf, f"Person{n}", "Nordmann")
    response = adviser_client.post(
        url("registration_add", conf), form_data(reason="  Innleder   i plenum ")
    )
    registration = Registration.objects.get(email="ante@example.no")
    assert registration.state == R.CONFIRMED
    assert registration.override_reason == "Innleder i plenum"
    log = ActivityLog.objects.get(action="conferences.registration.confirmed")
    assert (log.user, log.data) == (adviser, {"from": "", "reason": "Innleder i plenum"})
    assert flashed(response) == ["Ánte Ŋuorra-Ødegård er meldt på med plass utover kapasiteten."]


def test_adviser_cannot_register_while_closed_without_a_reason(adviser_client, conf):
    conf.registration_closes = timezone.now() - dt.timedelta(hours=1)
    conf.registration_opens = timezone.now() - dt.timedelta(days=3)
    conf.save()
    response = adviser_client.post(url("registration_add", conf), form_data())
    assert response.status_code == 200
    assert Registration.objects.count() == 0
    assert response.context["form"].errors == {
        "reason": [
            "Påmeldingen til denne konferansen er stengt. For å melde på personen likevel, "
            "skriv en begrunnelse for plass utover kapasiteten."
        ]
    }
    assert 'aria-describedby="id_reason_helptext id_reason_error"' in response.content.decode()


def test_adviser_needs_a_reason_for_an_invitation_only_conference(adviser_client, conf):
    conf.invitation_only = True
    conf.save()
    without = adviser_client.post(url("registration_add", conf), form_data())
    with_reason = adviser_client.post(url("registration_add", conf), form_data(reason="Gjest"))
    assert without.context["form"].errors["reason"] == [
        "Denne konferansen er bare for inviterte. Bruk lenken i invitasjonen din. For å melde på "
        "personen likevel, skriv en begrunnelse for plass utover kapasiteten."
    ]
    assert with_reason.status_code == 302
    assert list(Registration.objects.values_list("state", "override_reason")) == [
        (R.CONFIRMED, "Gjest")
    ]


def test_adviser_registers_while_closed_with_a_reason(adviser_client, conf):
    conf.registration_opens = timezone.now() + dt.timedelta(days=3)
    conf.registration_closes = timezone.now() + dt.timedelta(days=5)
    conf.save()
    adviser_client.post(url("registration_add", conf), form_data(reason="Styreleder"))
    assert Registration.objects.get().state == R.CONFIRMED


def test_adviser_registration_refusals_show_next_to_the_field(adviser_client, conf):
    person(conf, "Ánte", "Nordmann", email="ANTE@example.no")
    taken = adviser_client.post(url("registration_add", conf), form_data())
    bad = adviser_client.post(
        url("registration_add", conf),
        form_data(
            email="ikke-en-adresse",
            phone="12",
            first_name="Robot 3000",
            organisation_name="Ny organisasjon",
            sector="",
        ),
    )
    assert list(taken.context["form"].errors) == ["email"]
    assert (
        taken.context["form"]
        .errors["email"][0]
        .startswith("Denne e-postadressen er allerede påmeldt konferansen.")
    )
    assert sorted(bad.context["form"].errors) == ["email", "first_name", "phone", "sector"]
    assert bad.context["form"].errors["sector"] == ["Velg sektoren organisasjonen hører til."]
    assert Registration.objects.count() == 1


def test_adviser_registration_with_a_known_organisation_takes_its_sector(adviser_client, conf):
    organisation = OrganisationFactory(name="Bø kommune", sector="kommune")
    adviser_client.post(
        url("registration_add", conf),
        form_data(organisation=organisation.pk, organisation_name="Skrevet navn", sector=""),
    )
    registration = Registration.objects.get()
    assert (registration.organisation, registration.organisation_name, registration.sector) == (
        organisation,
        "",
        "kommune",
    )


def test_adviser_registration_sent_twice_registers_once(adviser_client, conf):
    data = form_data()
    first = adviser_client.post(url("registration_add", conf), data)
    second = adviser_client.post(url("registration_add", conf), data)
    assert Registration.objects.count() == 1
    assert first.url == second.url


# --- one registration ----------------------------------------------------------------------------


def test_detail_shows_health_fields_sessions_history_and_messages(adviser_client, conf, adviser):
    from conferences.domain.registration import register

    _slot, (hydrogen, _fagbrev) = parallel_slot(conf, capacities=(2, 20), titles=["Hydrogen", "X"])
    registration = register(
        conf,
        values={
            "first_name": "Åse",
            "last_name": "Ødegård",
            "email": "aase@example.no",
            "language": "nn",
            "allergens": ["peanuts"],
            "access_other": "Trenger teleslynge",
        },
        sessions=[hydrogen],
        by=adviser,
    )
    response = adviser_client.get(url("registration_detail", conf, registration.pk))
    page = response.content.decode()
    assert "Peanøtter" in page
    assert "Trenger teleslynge" in page
    assert "aase@example.no" in page
    assert [(s.session.title, s.state) for s in response.context["signups"]] == [
        ("Hydrogen", S.CONFIRMED)
    ]
    assert [entry["label"] for entry in response.context["history"]] == [
        "Fikk bekreftet plass",
        "Fikk plass i en programpost",
    ]
    assert response.context["history"][1]["details"] == [
        "Hydrogen",
    ]
    assert [message.to_email for message in response.context["outbox_messages"]] == [
        "aase@example.no"
    ]
    assert response.context["manage_link"].endswith(registration.manage_token + "/")


def test_detail_gives_a_waiting_person_a_place_beyond_capacity(adviser_client, conf, adviser):
    for n in range(5):
        person(conf, f"Person{n}", "Nordmann")
    waiting = person(conf, "Dag", "Eik", state=R.WAITLISTED)
    detail = url("registration_detail", conf, waiting.pk)
    empty = adviser_client.post(detail, {"action": "extra", "extra-reason": "   "})
    assert empty.status_code == 200
    assert empty.context["extra_form"].errors == {
        "reason": ["Oppgi en grunn for den ekstra plassen."]
    }
    response = adviser_client.post(detail, {"action": "extra", "extra-reason": "Paneldeltaker"})
    waiting.refresh_from_db()
    assert (waiting.state, waiting.override_reason) == (R.CONFIRMED, "Paneldeltaker")
    assert flashed(response) == ["Dag Eik har fått plass utover kapasiteten."]
    history = adviser_client.get(detail).context["history"]
    assert history[0]["details"] == ["Før: På venteliste", "Begrunnelse: Paneldeltaker"]


def test_detail_cancels_only_when_confirmed_by_the_tick(adviser_client, conf):
    registration = person(conf, "Kari", "Nordmann")
    detail = url("registration_detail", conf, registration.pk)
    unticked = adviser_client.post(detail, {"action": "cancel"})
    registration.refresh_from_db()
    assert registration.state == R.CONFIRMED
    assert unticked.context["cancel_form"].errors == {
        "confirm": ["Kryss av i boksen for å bekrefte avlysningen."]
    }
    ticked = adviser_client.post(detail, {"action": "cancel", "cancel-confirm": "on"})
    registration.refresh_from_db()
    assert registration.state == R.CANCELLED
    assert flashed(ticked) == ["Påmeldingen til Kari Nordmann er avlyst."]


def test_detail_cancels_after_the_participants_deadline(adviser_client, conf):
    conf.registration_changes_until = timezone.now() - dt.timedelta(hours=1)
    conf.save()
    registration = person(conf, "Kari", "Nordmann")
    adviser_client.post(
        url("registration_detail", conf, registration.pk),
        {"action": "cancel", "cancel-confirm": "on"},
    )
    registration.refresh_from_db()
    assert registration.state == R.CANCELLED


def test_detail_undoes_a_check_in(adviser_client, conf):
    registration = person(conf, "Kari", "Nordmann", state=R.CHECKED_IN)
    detail = url("registration_detail", conf, registration.pk)
    response = adviser_client.post(detail, {"action": "undo_check_in"}, follow=True)
    again = adviser_client.post(detail, {"action": "undo_check_in"}, follow=True)
    registration.refresh_from_db()
    assert (registration.state, registration.checked_in_at) == (R.CONFIRMED, None)
    assert [str(m) for m in response.context["messages"]] == ["Innsjekkingen er angret."]
    assert [str(m) for m in again.context["messages"]] == [
        "Ingenting ble endret: personen er ikke sjekket inn."
    ]


def test_detail_unknown_action_changes_nothing(adviser_client, conf):
    registration = person(conf, "Kari", "Nordmann")
    response = adviser_client.post(
        url("registration_detail", conf, registration.pk), {"action": "delete"}
    )
    registration.refresh_from_db()
    assert registration.state == R.CONFIRMED
    assert flashed(response) == ["Velg hva du vil gjøre med påmeldingen."]


# --- query counts --------------------------------------------------------------------------------


def populate(conference, count, organisation):
    _slot, sessions = parallel_slot(conference, capacities=(20, 20))
    municipalities = list(Municipality.objects.order_by("pk")[:count])
    for n in range(count):
        registration = person(
            conference,
            f"Person{n}",
            "Nordmann",
            organisation=organisation,
            municipality=municipalities[n],
            diets=["vegan"],
            allergens=["egg"],
            diet_other=f"Behov {n}",
            access_needs=["wheelchair"],
        )
        sign_up(registration, sessions[n % 2])
    return registration


QUERY_COUNTS = [
    # session, user, memberships, conference, then the page's own queries
    ("registrations", {}, 11),
    ("registrations", {"state": "confirmed", "q": "nordmann", "checked_in": "no"}, 11),
    ("registrations_summary", {}, 8),
    ("registrations_csv", {}, 9),
    ("registrations_xlsx", {}, 9),
    ("registrations_catering_csv", {}, 5),
    ("registrations_catering_xlsx", {"names": "0"}, 5),
]


@pytest.mark.parametrize("name,query,queries", QUERY_COUNTS)
@pytest.mark.parametrize("count", [1, 3])
def test_registration_pages_queries_do_not_grow(
    adviser_client, conf, partner_org, django_assert_num_queries, name, query, queries, count
):
    populate(conf, count, partner_org)
    with django_assert_num_queries(queries):
        response = adviser_client.get(url(name, conf), query)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_detail_queries_do_not_grow(
    adviser_client, conf, partner_org, django_assert_num_queries, count
):
    registration = populate(conf, count, partner_org)
    ContentType.objects.get_for_model(Registration)  # cached for the process
    # session, user, memberships, conference, registration, sign-ups, history, messages
    with django_assert_num_queries(8):
        response = adviser_client.get(url("registration_detail", conf, registration.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_partner_registrations_queries_do_not_grow(
    client, coordinator, conf, partner_org, django_assert_num_queries, count
):
    populate(conf, count, partner_org)
    client.force_login(coordinator)
    # session, user, memberships, conference, partners, organisations, registrations, sign-ups
    with django_assert_num_queries(8):
        response = client.get(url("partner_registrations", conf))
    assert len(response.context["registrations"]) == count

"""Check-in on the day (conferences.views.checkin, conferences.queries.checkin): finding a ticket
by code or name, the person's page with their needs, checking in (twice, refused, two helpers at
once), undoing it, and who may do any of it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from conferences.enums import AccessNeed, Allergen, Diet, RegistrationState, SignupState
from conferences.models import Registration, SessionSignup
from conferences.queries.checkin import search_registrations, ticket_code_from
from conferences.views.checkin import check_in_outcome
from moteplass.models import ActivityLog
from tests.factories import (
    ConferenceFactory,
    OrganisationFactory,
    RegistrationFactory,
    parallel_slot,
)

pytestmark = pytest.mark.django_db
R = RegistrationState
CODE = "Abcdefghijklmnop123456"


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


def url(name, conference, *args):
    return reverse(name, args=[conference.slug, *args])


def person(conference, first, last, state=R.CONFIRMED, **extra):
    if state == R.CHECKED_IN:
        extra.setdefault("checked_in_at", timezone.now())
    return RegistrationFactory(
        conference=conference, first_name=first, last_name=last, state=state, **extra
    )


def names(rows):
    return [row.full_name for row in rows]


def text(response) -> str:
    return " ".join(response.content.decode().split())


# --- the ticket code box --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        (CODE, CODE),
        (f"  {CODE}\n", CODE),
        (f"https://moteplass.example.no/billett/{CODE}/", CODE),
        (f"https://moteplass.example.no/adviser/conferences/x/checkin/code/{CODE}", CODE),
        (f"https://moteplass.example.no/ticket/?code={CODE}", CODE),
        ("", ""),
        ("kort", ""),
        ("not a code at all", ""),
        ("https://moteplass.example.no/", ""),
        ("<script>alert(1)</script>", ""),
    ],
)
def test_ticket_code_from_takes_the_code_out_of_what_was_typed(typed, code):
    assert ticket_code_from(typed) == code


def test_code_box_with_whitespace_goes_to_the_person(client_as, conference):
    kari = person(conference, "Kari", "Nordmann", ticket_code=CODE)
    client = client_as("adviser")

    response = client.get(url("checkin", conference), {"code": f"  {CODE} "})

    assert response.status_code == 302
    assert response.url == url("checkin_person", conference, kari.ticket_code)


def test_code_box_with_a_pasted_url_goes_to_the_person(client_as, conference):
    person(conference, "Kari", "Nordmann", ticket_code=CODE)
    client = client_as("adviser")

    response = client.get(
        url("checkin", conference), {"code": f"https://moteplass.example.no/t/{CODE}/"}
    )

    assert response.url == url("checkin_person", conference, CODE)


def test_code_box_with_nonsense_says_so_next_to_the_field(client_as, conference):
    client = client_as("adviser")

    response = client.get(url("checkin", conference), {"code": "hei på deg"})

    assert response.status_code == 400
    assert response.context["code_form"].errors == {
        "code": ["Dette er ikke en billettkode. Sjekk hva du skrev, eller skann koden på nytt."]
    }
    assert 'aria-describedby="id_code_helptext id_code_error"' in response.content.decode()


def test_code_box_empty_asks_for_a_code(client_as, conference):
    response = client_as("adviser").get(url("checkin", conference), {"code": ""})

    assert response.status_code == 400
    assert response.context["code_form"].errors == {
        "code": ["Skriv inn eller skann en billettkode."]
    }


# --- the check-in page and the name search --------------------------------------------------------


def test_checkin_page_shows_counters_and_the_code_box(client_as, conference):
    person(conference, "Kari", "Nordmann", R.CHECKED_IN)
    person(conference, "Per", "Hansen")
    person(conference, "Ola", "Venter", R.WAITLISTED)
    person(conference, "Åse", "Avmeldt", R.CANCELLED)

    response = client_as("adviser").get(url("checkin", conference))

    assert response.status_code == 200
    assert response.context["counts"] == {"confirmed": 2, "checked_in": 1}
    page = text(response)
    assert "<strong>1</strong> av <strong>2</strong> med bekreftet plass er sjekket inn." in page
    assert 'name="code"' in page and "autofocus" in page
    assert "Skann med kameraet" in page  # shown by checkin.js where a camera can be used


@pytest.fixture
def crowd(conference):
    other = ConferenceFactory(title="Møteplass Vestfold 2031", slug="vestfold-2031")
    return {
        "kari": person(conference, "Kari", "Nordmann"),
        "per": person(conference, "Per", "Nordmann", R.CHECKED_IN),
        "kari_holm": person(conference, "Kari", "Holm", R.WAITLISTED),
        "oyvind": person(conference, "Øyvind", "Åsen"),
        "cancelled": person(conference, "Kari", "Avmeldt", R.CANCELLED),
        "expired": person(conference, "Kari", "Utløpt", R.EXPIRED),
        "elsewhere": person(other, "Kari", "Nordmann"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kari", ["Kari Holm", "Kari Nordmann"]),
        ("KARI nord", ["Kari Nordmann"]),
        ("nordmann", ["Kari Nordmann", "Per Nordmann"]),
        ("øyvind", ["Øyvind Åsen"]),
        ("ÅSEN", ["Øyvind Åsen"]),
        ("rdma", ["Kari Nordmann", "Per Nordmann"]),
        ("kari hansen", []),
        ("", []),
        ("   ", []),
    ],
)
def test_search_matches_every_word_in_first_or_last_name(conference, crowd, query, expected):
    rows, more = search_registrations(conference, query)

    assert (names(rows), more) == (expected, False)


def test_search_by_exact_ticket_code_only_in_this_conference(conference, crowd):
    rows, _more = search_registrations(conference, crowd["oyvind"].ticket_code)
    elsewhere, _more = search_registrations(conference, crowd["elsewhere"].ticket_code)
    part, _more = search_registrations(conference, crowd["oyvind"].ticket_code[:10])

    assert (names(rows), elsewhere, part) == (["Øyvind Åsen"], [], [])


def test_search_shows_at_most_25_and_says_there_are_more(conference):
    for n in range(27):
        person(conference, "Kari", f"Nordmann{n:02}")

    rows, more = search_registrations(conference, "kari")

    assert (len(rows), more) == (25, True)
    assert rows[0].last_name == "Nordmann00"


def test_search_with_htmx_returns_results_and_announces_the_count(client_as, conference, crowd):
    response = client_as("adviser").get(
        url("checkin_search", conference), {"q": "kari"}, HTTP_HX_REQUEST="true"
    )

    page = text(response)
    assert response.status_code == 200
    assert "<html" not in page
    assert names(response.context["results"]) == ["Kari Holm", "Kari Nordmann"]
    assert '<p id="checkin-search-status" hx-swap-oob="innerHTML">2 funnet</p>' in page
    assert url("checkin_person", conference, crowd["kari"].ticket_code) in page
    assert "Avmeldt" not in page and "Utløpt" not in page


def test_search_without_htmx_is_the_whole_page(client_as, conference, crowd):
    response = client_as("adviser").get(url("checkin_search", conference), {"q": "nordmann"})

    page = text(response)
    assert response.status_code == 200
    assert "<html" in page
    assert names(response.context["results"]) == ["Kari Nordmann", "Per Nordmann"]
    assert 'role="status" aria-live="polite">2 funnet</p>' in page


def test_search_with_no_match_says_so(client_as, conference, crowd):
    response = client_as("adviser").get(
        url("checkin_search", conference), {"q": "Hansen"}, HTTP_HX_REQUEST="true"
    )

    page = text(response)
    assert "Ingen påmeldte til denne konferansen passer med «Hansen»." in page
    assert 'hx-swap-oob="innerHTML">0 funnet</p>' in page


@pytest.mark.parametrize("matches", [1, 5])
def test_search_query_count_is_constant(client_as, conference, matches, django_assert_num_queries):
    organisation = OrganisationFactory(name="Vinje kommune", slug="vinje-k")
    for n in range(matches):
        person(conference, "Kari", f"Nordmann{n}", organisation=organisation)
    person(conference, "Per", "Hansen")
    client = client_as("adviser")

    with django_assert_num_queries(5):
        response = client.get(
            url("checkin_search", conference), {"q": "kari"}, HTTP_HX_REQUEST="true"
        )

    assert len(response.context["results"]) == matches
    assert text(response).count("Vinje kommune") == matches


# --- the person -----------------------------------------------------------------------------------


@pytest.fixture
def kari(conference, adviser):
    organisation = OrganisationFactory(name="Vinje kommune", slug="vinje-k")
    registration = person(
        conference,
        "Kari",
        "Nordmann",
        ticket_code=CODE,
        organisation=organisation,
        job_title="Ordfører",
        diets=[Diet.VEGETARIAN],
        allergens=[Allergen.PEANUTS, Allergen.MILK],
        diet_other="Tåler ikke kanel",
        access_needs=[AccessNeed.WHEELCHAIR],
        access_other="Trenger plass ved døra",
    )
    slot, (first, second) = parallel_slot(conference, titles=["Hydrogen i Grenland", "Fagbrev"])
    for session, state in ((first, SignupState.CONFIRMED),):
        SessionSignup.objects.create(
            registration=registration, session=session, slot=slot, state=state
        )
    later, (third, _fourth) = parallel_slot(
        conference, hour=13, titles=["Unge utenfor", "Reiseliv"]
    )
    SessionSignup.objects.create(
        registration=registration, session=third, slot=later, state=SignupState.WAITLISTED
    )
    return registration


def test_person_page_shows_the_person_sessions_and_flags_needs(client_as, conference, kari):
    response = client_as("adviser").get(url("checkin_person", conference, CODE))

    page = text(response)
    assert response.status_code == 200
    assert '<h2 class="ds-heading checkin-person__name"' in page
    assert ">Kari Nordmann</h2>" in page
    assert "<dt>Organisasjon</dt><dd>Vinje kommune</dd>" in page
    assert "<dt>Rolle eller stilling</dt><dd>Ordfører</dd>" in page
    assert "<strong>Bekreftet</strong>" in page
    assert response.context["needs"] == [
        ("Kosthold", "Vegetar"),
        ("Allergier", "Peanøtter, Melk (laktose)"),
        ("Andre kostbehov eller allergier", "Tåler ikke kanel"),
        ("Tilretteleggingsbehov", "Rullestolbruker"),
        ("Andre behov for tilrettelegging", "Trenger plass ved døra"),
    ]
    assert "Trenger oppmerksomhet</h3>" in page
    assert "<dt>Allergier</dt><dd>Peanøtter, Melk (laktose)</dd>" in page
    assert [(s["title"], s["state_label"]) for s in response.context["sessions"]] == [
        ("Hydrogen i Grenland", "Bekreftet"),
        ("Unge utenfor", "På venteliste"),
    ]
    assert ">Sjekk inn</button>" in page


@pytest.mark.parametrize("sessions", [1, 3])
def test_person_page_query_count_is_constant(
    client_as, conference, sessions, django_assert_num_queries
):
    organisation = OrganisationFactory(name="Vinje kommune", slug="vinje-k")
    registration = person(
        conference, "Kari", "Nordmann", ticket_code=CODE, organisation=organisation
    )
    for hour in range(9, 9 + sessions):
        slot, (session, _other) = parallel_slot(conference, hour=hour)
        SessionSignup.objects.create(
            registration=registration, session=session, slot=slot, state=SignupState.CONFIRMED
        )
    client = client_as("adviser")

    with django_assert_num_queries(7):
        response = client.get(url("checkin_person", conference, CODE))

    assert len(response.context["sessions"]) == sessions


def test_person_page_without_needs_says_there_are_none(client_as, conference):
    person(conference, "Per", "Hansen", ticket_code=CODE)

    page = text(client_as("adviser").get(url("checkin_person", conference, CODE)))

    assert "Ingen kostbehov, allergier eller behov for tilrettelegging er registrert." in page
    assert "Trenger oppmerksomhet" not in page


def test_check_in_changes_state_logs_and_says_so(client_as, conference, kari, adviser):
    client = client_as("adviser")

    response = client.post(url("checkin_person", conference, CODE), follow=True)

    kari.refresh_from_db()
    assert (kari.state, kari.checked_in_by) == (R.CHECKED_IN, adviser)
    log = ActivityLog.objects.get(action="conferences.registration.checked_in")
    assert (log.object_id, log.user, log.data) == (kari.pk, adviser, {"from": "confirmed"})
    assert response.redirect_chain == [(url("checkin", conference), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Sjekket inn: Kari Nordmann"]
    assert "<strong>1</strong> av <strong>1</strong>" in text(response)


def test_check_in_with_htmx_swaps_the_card_and_announces(client_as, conference, kari, adviser):
    response = client_as("adviser").post(
        url("checkin_person", conference, CODE), HTTP_HX_REQUEST="true"
    )

    page = text(response)
    kari.refresh_from_db()
    assert kari.state == R.CHECKED_IN
    assert "<html" not in page
    assert (
        '<div id="checkin-status" hx-swap-oob="innerHTML"><div class="ds-alert checkin-message" '
        'data-color="success" data-level="success"><p class="ds-paragraph">Sjekket inn: Kari '
        "Nordmann</p></div></div>"
    ) in page
    checked = timezone.localtime(kari.checked_in_at).strftime("%H:%M")
    assert f"<strong>Sjekket inn</strong> – sjekket inn kl. {checked} av Rita Rådgiver" in page
    assert ">Angre innsjekking</button>" in page
    assert ">Sjekk inn</button>" not in page


def test_check_in_twice_says_when_and_by_whom(client_as, conference, kari, adviser, other_adviser):
    at = timezone.make_aware(dt.datetime(2031, 4, 22, 8, 47))
    Registration.objects.filter(pk=kari.pk).update(
        state=R.CHECKED_IN, checked_in_at=at, checked_in_by=adviser
    )

    response = client_as("adviser").post(
        url("checkin_person", conference, CODE), HTTP_HX_REQUEST="true"
    )

    assert (
        '<p class="ds-paragraph">Kari Nordmann ble allerede sjekket inn kl. 08:47. Sjekket inn '
        "av Rita Rådgiver.</p>"
    ) in text(response)
    assert 'data-level="warning"' in text(response)
    kari.refresh_from_db()
    assert (kari.checked_in_at, kari.checked_in_by) == (at, adviser)
    assert ActivityLog.objects.filter(action="conferences.registration.checked_in").count() == 0


def test_two_helpers_with_stale_copies_check_in_once(conference, kari, adviser, editor):
    first = Registration.objects.get(pk=kari.pk)
    second = Registration.objects.get(pk=kari.pk)

    won = check_in_outcome(first, by=adviser)
    lost = check_in_outcome(second, by=editor)

    time = timezone.localtime(first.checked_in_at).strftime("%H:%M")
    assert won == ("Sjekket inn: Kari Nordmann", "success")
    assert lost == (
        f"Kari Nordmann ble allerede sjekket inn kl. {time}. Sjekket inn av Rita Rådgiver.",
        "warning",
    )
    kari.refresh_from_db()
    assert (kari.state, kari.checked_in_by) == (R.CHECKED_IN, adviser)
    assert ActivityLog.objects.filter(action="conferences.registration.checked_in").count() == 1


@pytest.mark.parametrize(
    ("state", "label"),
    [(R.WAITLISTED, "På venteliste"), (R.CANCELLED, "Avmeldt"), (R.OFFERED, "Tilbudt plass")],
)
def test_check_in_without_a_confirmed_place_is_refused(client_as, conference, state, label):
    extra = {"offer_expires_at": timezone.now() + dt.timedelta(hours=4)}
    registration = person(
        conference,
        "Ola",
        "Venter",
        state,
        ticket_code=CODE,
        **(extra if state == R.OFFERED else {}),
    )
    client = client_as("adviser")

    page = text(client.get(url("checkin_person", conference, CODE)))
    response = client.post(url("checkin_person", conference, CODE), follow=True)

    assert f"denne påmeldingen har ingen bekreftet plass ({label})." in page
    assert ">Sjekk inn</button>" not in page
    assert response.redirect_chain == [(url("checkin_person", conference, CODE), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"Ola Venter har ingen bekreftet plass ({label}). Ingenting ble endret."
    ]
    registration.refresh_from_db()
    assert (registration.state, registration.checked_in_at) == (state, None)


def test_code_of_another_conference_is_not_found(client_as, conference, adviser):
    other = ConferenceFactory(title="Møteplass Vestfold 2031", slug="vestfold-2031")
    stranger = person(other, "Kari", "Annensted", ticket_code=CODE)
    client = client_as("adviser")

    shown = client.get(url("checkin_person", conference, CODE))
    posted = client.post(url("checkin_person", conference, CODE))

    assert (shown.status_code, posted.status_code) == (404, 404)
    assert "Ingen billett med denne koden til denne konferansen" in text(shown)
    assert "Kari" not in text(shown)
    stranger.refresh_from_db()
    assert stranger.state == R.CONFIRMED


def test_unknown_code_is_a_friendly_not_found_page(client_as, conference):
    response = client_as("adviser").get(url("checkin_person", conference, "ukjent-kode-123"))

    assert response.status_code == 404
    assert "Ingen billett med denne koden til denne konferansen" in text(response)
    assert 'name="code"' in text(response)


def test_undo_check_in_puts_the_person_back(client_as, conference, kari, adviser):
    client = client_as("adviser")
    client.post(url("checkin_person", conference, CODE), follow=True)

    response = client.post(url("checkin_undo", conference, CODE), follow=True)

    kari.refresh_from_db()
    assert (kari.state, kari.checked_in_at, kari.checked_in_by) == (R.CONFIRMED, None, None)
    assert [str(m) for m in response.context["messages"]] == [
        "Innsjekkingen er angret: Kari Nordmann"
    ]
    assert ActivityLog.objects.filter(action="conferences.registration.confirmed").count() == 1


def test_undo_when_not_checked_in_changes_nothing(client_as, conference, kari):
    response = client_as("adviser").post(
        url("checkin_undo", conference, CODE), HTTP_HX_REQUEST="true"
    )

    assert "Kari Nordmann er ikke sjekket inn. Ingenting ble endret." in text(response)
    kari.refresh_from_db()
    assert kari.state == R.CONFIRMED


# --- who may --------------------------------------------------------------------------------------

PAGES = [
    ("checkin", ()),
    ("checkin_search", ()),
    ("checkin_person", (CODE,)),
]


@pytest.mark.parametrize(
    "role", ["participant", "other_editor", "editor", "coordinator", "other_adviser"]
)
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_checkin_pages_are_404_outside_the_advisers(client_as, conference, role, name, args):
    person(conference, "Kari", "Nordmann", ticket_code=CODE)

    response = client_as(role).get(url(name, conference, *args), {"q": "kari"})

    assert response.status_code == 404
    assert "Kari" not in text(response)


def test_checkin_page_sends_anonymous_visitors_to_log_in(client, conference):
    response = client.get(url("checkin", conference))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["anonymous", "editor", "coordinator", "other_adviser"])
def test_forbidden_check_in_and_undo_change_nothing(client_as, conference, role):
    kari = person(conference, "Kari", "Nordmann", ticket_code=CODE)
    per = person(conference, "Per", "Hansen", R.CHECKED_IN)
    client = client_as(role)

    check = client.post(url("checkin_person", conference, CODE))
    undo = client.post(url("checkin_undo", conference, per.ticket_code))

    expected = 302 if role == "anonymous" else 404
    assert (check.status_code, undo.status_code) == (expected, expected)
    kari.refresh_from_db()
    per.refresh_from_db()
    assert (kari.state, per.state) == (R.CONFIRMED, R.CHECKED_IN)
    assert not ActivityLog.objects.filter(action__startswith="conferences.registration").exists()

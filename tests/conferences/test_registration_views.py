"""The participant's side of registration: the form (with and without an invitation), bad
input, and the pages behind the personal management link."""

import datetime as dt
import json
import uuid

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from conferences.domain.registration import register
from conferences.enums import (
    ConferenceStatus,
    InvitationAnswer,
    MailRole,
    RegistrationState,
    SignupState,
)
from conferences.models import Invitation, OutboxMessage, Registration, SessionSignup
from partners.models import Municipality
from tests.factories import (
    ConferenceFactory,
    OrganisationFactory,
    RegistrationFactory,
    open_registration,
    parallel_slot,
)

pytestmark = pytest.mark.django_db
R = RegistrationState
S = SignupState


@pytest.fixture
def conf(conference):
    return open_registration(conference, capacity=3)


@pytest.fixture
def slots(conf):
    """Two time slots; the first workshop of the morning has one place."""
    morning, (hydrogen, tourism) = parallel_slot(
        conf,
        hour=10,
        capacities=(1, 20),
        titles=["Hydrogen i Grenland", "Reiseliv i Vest-Telemark"],
    )
    afternoon, (culture, roads) = parallel_slot(
        conf, hour=13, capacities=(30, 30), titles=["Kultur og frivilligheit", "Vegar og tog"]
    )
    return {
        "morning": morning,
        "afternoon": afternoon,
        "hydrogen": hydrogen,
        "tourism": tourism,
        "culture": culture,
        "roads": roads,
    }


def form_data(**values):
    data = {
        "first_name": "Áile",
        "last_name": "Ŋuolja-Čáhppes",
        "email": "aile@example.no",
        "phone": "",
        "organisation": "",
        "organisation_name": "",
        "sector": "",
        "job_title": "Dagleg leiar",
        "municipality": "",
        "language": "nn",
        "diet_other": "",
        "access_other": "",
        "creation_key": str(uuid.uuid4()),
    }
    data.update(values)
    return data


def register_url(conference):
    return reverse("register", args=[conference.slug])


def manage(registration, name="registration_manage"):
    return reverse(name, args=[registration.manage_token])


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def text(response):
    return response.content.decode()


def signups(registration):
    return sorted(
        (signup.session.title, signup.state)
        for signup in registration.signups.select_related("session")
    )


def confirmed_registration(conference, sessions=(), **values):
    """A registration made through the form (so its sessions are signed up as usual)."""
    from conferences.domain.registration import register

    person = {
        "first_name": "Kari",
        "last_name": "Nordmann",
        "email": "kari@example.no",
        "language": "nb",
        **values,
    }
    return register(conference, values=person, sessions=sessions)


def in_nynorsk(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    return client


# --- the form ------------------------------------------------------------------------------------


def test_register_form_shows_slots_places_and_privacy_notice(client, slots):
    response = client.get(register_url(slots["morning"].conference))

    page = text(response)
    assert response.status_code == 200
    assert f'name="session_{slots["morning"].pk}"' in page
    assert f'name="session_{slots["afternoon"].pk}"' in page
    assert "Hydrogen i Grenland (" in page
    assert "1 ledig plass" in page
    assert "30 ledige plasser" in page
    assert 'autocomplete="given-name"' in page
    assert 'autocomplete="family-name"' in page
    assert 'autocomplete="email"' in page
    assert 'autocomplete="tel"' in page
    assert 'autocomplete="organization-title"' in page
    assert "Telemark fylkeskommune har ansvaret for opplysningene dine" in page
    assert "artikkel 6 nr. 1 bokstav e" in page
    assert "slettes 30 dager etter konferansen" in page
    assert "Hele påmeldingen slettes 365 dager etter konferansen" in page
    assert 'href="/privacy/"' in page
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_register_form_shows_places_left_at_once_although_parts_of_it_are_cached(client, slots):
    """The empty form's fieldsets are cached, the sessions by what they show: a place taken
    changes the key, never a stale count."""
    url = register_url(slots["morning"].conference)
    assert "1 ledig plass" in text(client.get(url))
    register(
        slots["morning"].conference,
        values={"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no"},
        sessions=[slots["hydrogen"]],
    )

    page = text(client.get(url))

    assert "1 ledig plass" not in page
    assert "Hydrogen i Grenland (" in page and "Fullt" in page


def test_register_confirms_signs_up_and_redirects_to_manage_page(client, slots):
    data = form_data(
        **{
            f"session_{slots['morning'].pk}": slots["hydrogen"].pk,
            f"session_{slots['afternoon'].pk}": slots["culture"].pk,
        },
        phone="912 34 567",
        diets=["vegetarian"],
        allergens=["nuts", "gluten"],
        access_needs=["hearing_loop"],
        listed="on",
    )

    response = client.post(register_url(slots["morning"].conference), data)

    registration = Registration.objects.get()
    assert response.status_code == 303
    assert response.headers["Location"] == manage(registration)
    assert registration.state == R.CONFIRMED
    assert registration.full_name == "Áile Ŋuolja-Čáhppes"
    assert registration.phone == "+4791234567"
    assert registration.language == "nn"
    assert registration.allergens == ["gluten", "nuts"]
    assert registration.diets == ["vegetarian"]
    assert registration.access_needs == ["hearing_loop"]
    assert (registration.listed, registration.photos) == (True, False)
    assert signups(registration) == [
        ("Hydrogen i Grenland", S.CONFIRMED),
        ("Kultur og frivilligheit", S.CONFIRMED),
    ]
    assert flashed(response) == ["Du er påmeldt. Vi har sendt en bekreftelse til aile@example.no."]
    [message] = OutboxMessage.objects.filter(role=MailRole.REGISTRATION_CONFIRMATION)
    assert (message.to_email, message.language) == ("aile@example.no", "nn")


def test_register_page_in_nynorsk(client, slots):
    in_nynorsk(client)

    response = client.get(register_url(slots["morning"].conference))

    page = text(response)
    assert response.headers["Content-Language"] == "nn"
    assert "Meld deg på Møteplass Telemark 2031" in page
    assert "Parallelle programpostar" in page
    assert "1 ledig plass" in page
    assert "30 ledige plassar" in page
    assert "Ingen i dette tidsrommet" in page
    assert "Slik behandlar vi personopplysningane dine" in page
    assert "Send påmeldinga" in page
    assert 'value="nn" id="id_language_1" checked' in page


def test_register_with_known_organisation_takes_its_sector(client, conf):
    organisation = OrganisationFactory(name="Skagerak Energi", sector="naeringsliv")
    skien = Municipality.objects.get(name="Skien")

    client.post(
        register_url(conf),
        form_data(organisation=organisation.pk, municipality=skien.pk, organisation_name="Feil"),
    )

    registration = Registration.objects.get()
    assert (registration.organisation, registration.organisation_name) == (organisation, "")
    assert (registration.sector, registration.municipality) == ("naeringsliv", skien)


def test_register_logged_in_prefills_and_links_the_account(client, conf, participant):
    participant.first_name, participant.last_name, participant.language = "Per", "Bø", "nn"
    participant.save()
    client.force_login(participant)

    page = text(client.get(register_url(conf)))
    client.post(register_url(conf), form_data(email=participant.email))

    assert 'value="Per"' in page
    assert f'value="{participant.email}"' in page
    assert Registration.objects.get().user == participant


def test_cached_person_fields_are_only_the_empty_ones_of_visitors(client, conf, participant):
    """A visitor's empty person fields are cached per language; a logged-in person's own
    details are never served from that cache, nor written to it."""
    participant.first_name, participant.last_name = "Per", "Bø"
    participant.save()
    client.get(register_url(conf))  # fills the cache (anonymous)

    client.force_login(participant)
    own = text(client.get(register_url(conf)))
    client.logout()
    anonymous = text(client.get(register_url(conf)))

    assert 'value="Per"' in own and f'value="{participant.email}"' in own
    assert 'value="Per"' not in anonymous and participant.email not in anonymous
    assert 'name="first_name"' in anonymous


# --- invitations ---------------------------------------------------------------------------------


@pytest.fixture
def invitation(conf):
    return Invitation.objects.create(
        conference=conf,
        first_name="Åse",
        last_name="Ødegård",
        email="ase@example.no",
        organisation_name="Vinje Næringsforum",
        municipality=Municipality.objects.get(name="Vinje"),
        language="nn",
    )


def invited_url(invitation):
    return reverse("register_invited", args=[invitation.conference.slug, invitation.token])


def test_register_invited_prefills_from_the_invitation_in_its_language(client, invitation):
    response = client.get(invited_url(invitation))

    page = text(response)
    assert response.headers["Content-Language"] == "nn"
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert response.headers["Referrer-Policy"] == "strict-origin"
    assert 'value="Åse"' in page
    assert 'value="Ødegård"' in page
    assert 'value="ase@example.no"' in page
    assert 'value="Vinje Næringsforum"' in page
    assert f'<option value="{invitation.municipality_id}" selected>Vinje</option>' in page
    assert "Vi har fylt ut opplysningane frå invitasjonen din." in page


def test_register_invited_answers_the_invitation_yes(client, invitation):
    response = client.post(
        invited_url(invitation), form_data(email="ase@example.no", sector="naeringsliv")
    )

    registration = Registration.objects.get()
    invitation.refresh_from_db()
    assert response.status_code == 303
    assert registration.invitation == invitation
    assert invitation.answer == InvitationAnswer.YES


def test_register_invited_with_an_unknown_token_is_404(client, invitation):
    url = reverse("register_invited", args=[invitation.conference.slug, "x" * 43])

    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assert Registration.objects.count() == 0


def test_register_invited_with_the_token_of_another_conference_is_404(client, invitation):
    other = open_registration(ConferenceFactory())
    url = reverse("register_invited", args=[other.slug, invitation.token])

    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assert Registration.objects.count() == 0


def test_register_unknown_or_unpublished_conference_is_404(client, conf):
    draft = open_registration(ConferenceFactory(status=ConferenceStatus.DRAFT))

    assert client.get(reverse("register", args=["finst-ikkje"])).status_code == 404
    assert client.get(register_url(draft)).status_code == 404
    assert client.post(register_url(draft), form_data()).status_code == 404
    assert Registration.objects.count() == 0


def test_answer_page_links_to_the_invited_registration_form(client, invitation):
    response = client.get(reverse("invitation_answer", args=[invitation.token]))

    assert invited_url(invitation) in text(response)
    assert "Meld deg på konferansen" in text(response)


def test_home_page_links_to_the_form_while_registration_is_open(client, conf):
    assert register_url(conf) in text(client.get(reverse("home")))

    conf.registration_closes = timezone.now() - dt.timedelta(minutes=1)
    conf.registration_opens = timezone.now() - dt.timedelta(days=2)
    conf.save()
    assert register_url(conf) not in text(client.get(reverse("home")))


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"email": "aile@example"},
            "email",
            "Skriv en hel e-postadresse, for eksempel kari.nordmann@example.no.",
        ),
        (
            {"phone": "12 34"},
            "phone",
            "«12 34» er ikke et telefonnummer vi kan bruke. Skriv 8 sifre for et norsk nummer, "
            "eller begynn med landskoden (for eksempel +46) for et utenlandsk.",
        ),
        (
            {"phone": "9123abcd"},
            "phone",
            "«9123abcd» er ikke et telefonnummer vi kan bruke. Skriv 8 sifre for et norsk "
            "nummer, eller begynn med landskoden (for eksempel +46) for et utenlandsk.",
        ),
        (
            {"first_name": "Áile2"},
            "first_name",
            "«Áile2» inneholder “2”. Et navn kan bare inneholde bokstaver, mellomrom, "
            "bindestreker, apostrofer og punktum.",
        ),
        (
            {"organisation_name": "Vinje Næringsforum"},
            "sector",
            "Velg sektoren organisasjonen din hører til.",
        ),
    ],
    ids=["email", "phone-too-short", "phone-letters", "name-with-digit", "sector-missing"],
)
def test_register_bad_input_says_what_to_fix_and_saves_nothing(
    client, conf, values, field, message
):
    response = client.post(register_url(conf), form_data(**values))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert f'id="id_{field}_error"' in text(response)
    assert Registration.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize("phone", ["+47 912 34 567", "0047 91234567", "91234567"])
def test_register_norwegian_phone_numbers_are_stored_in_e164(client, conf, phone):
    client.post(register_url(conf), form_data(phone=phone))

    assert Registration.objects.get().phone == "+4791234567"


def test_register_foreign_phone_number_is_accepted(client, conf):
    client.post(register_url(conf), form_data(phone="0046 70 123 45 67"))

    assert Registration.objects.get().phone == "+46701234567"


def test_register_session_from_another_slot_is_refused_next_to_the_slot(client, slots):
    morning = f"session_{slots['morning'].pk}"

    response = client.post(
        register_url(slots["morning"].conference),
        form_data(**{morning: slots["culture"].pk}),
    )

    assert response.context["form"].errors == {
        morning: ["Velg en av programpostene i dette tidsrommet, eller ingen."]
    }
    assert Registration.objects.count() == 0


def test_register_session_from_another_conference_is_refused(client, slots):
    other = open_registration(ConferenceFactory())
    _slot, (foreign, _) = parallel_slot(other, hour=10)
    morning = f"session_{slots['morning'].pk}"

    response = client.post(
        register_url(slots["morning"].conference), form_data(**{morning: foreign.pk})
    )

    assert response.context["form"].errors == {
        morning: ["Velg en av programpostene i dette tidsrommet, eller ingen."]
    }
    assert Registration.objects.count() == SessionSignup.objects.count() == 0


@pytest.mark.parametrize("key", ["", "ikkje-ein-nøkkel", str(uuid.uuid1())])
def test_register_tampered_creation_key_is_refused(client, conf, key):
    response = client.post(register_url(conf), form_data(creation_key=key))

    assert response.context["form"].non_field_errors() == [
        "Skjemaet er endret eller for gammelt. Last inn siden på nytt, fyll det ut igjen og "
        "send det en gang til."
    ]
    assert Registration.objects.count() == 0


def test_register_another_persons_creation_key_does_not_reveal_their_registration(client, conf):
    key = uuid.uuid4()
    client.post(register_url(conf), form_data(creation_key=str(key)))

    response = client.post(
        register_url(conf), form_data(creation_key=str(key), email="noen.andre@example.no")
    )

    assert response.status_code == 200
    assert Registration.objects.get().manage_token not in text(response)
    assert len(response.context["form"].non_field_errors()) == 1


def test_register_double_submit_makes_one_registration(client, conf):
    data = form_data()

    first = client.post(register_url(conf), data)
    second = client.post(register_url(conf), data)

    registration = Registration.objects.get()
    assert first.headers["Location"] == second.headers["Location"] == manage(registration)
    assert OutboxMessage.objects.filter(role=MailRole.REGISTRATION_CONFIRMATION).count() == 1


def test_register_double_submit_logged_in_goes_to_the_first_registration(client, conf, participant):
    client.force_login(participant)
    data = form_data(email=participant.email)

    first = client.post(register_url(conf), data)
    second = client.post(register_url(conf), data)

    registration = Registration.objects.get()
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"] == manage(registration)


def test_register_same_email_twice_is_refused_next_to_the_email(client, conf):
    client.post(register_url(conf), form_data())

    response = client.post(register_url(conf), form_data(first_name="Anne"))

    assert response.context["form"].errors == {
        "email": [
            "Denne e-postadressen er allerede påmeldt konferansen. Bruk lenken i bekreftelsen "
            "på e-post for å se eller endre påmeldingen."
        ]
    }
    assert Registration.objects.count() == 1


def test_register_organisation_limit_is_refused_next_to_the_organisation(client, conf):
    conf.places_per_organisation = 1
    conf.save()
    organisation = OrganisationFactory()
    client.post(register_url(conf), form_data(organisation=organisation.pk))

    response = client.post(
        register_url(conf), form_data(organisation=organisation.pk, email="to@example.no")
    )

    assert response.context["form"].errors == {
        "organisation": [
            "Organisasjonen din har brukt alle sine 1 plasser. Spør arrangøren om dere trenger "
            "flere."
        ]
    }
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (1, 3, "Påmeldingen til denne konferansen har ikke åpnet ennå."),
        (-3, -1, "Påmeldingen til denne konferansen er stengt."),
    ],
    ids=["not-yet-open", "closed"],
)
def test_register_outside_the_opening_times_shows_why_without_a_form(
    client, conference, opens, closes, message
):
    now = timezone.now()
    conference.registration_opens = now + dt.timedelta(days=opens)
    conference.registration_closes = now + dt.timedelta(days=closes)
    conference.save()

    got = client.get(register_url(conference))
    posted = client.post(register_url(conference), form_data())

    assert got.status_code == posted.status_code == 200
    assert message in text(got)
    assert message in text(posted)
    assert 'name="first_name"' not in text(got)
    assert ("Påmeldingen åpner" in text(got)) == (opens > 0)
    assert Registration.objects.count() == 0


def test_register_invitation_only_without_the_link_shows_why(client, conf, invitation):
    conf.invitation_only = True
    conf.save()

    response = client.post(register_url(conf), form_data())
    invited = client.get(invited_url(invitation))

    assert "Denne konferansen er bare for inviterte. Bruk lenken i invitasjonen din." in text(
        response
    )
    assert Registration.objects.count() == 0
    assert 'name="first_name"' in text(invited)


def test_register_full_conference_puts_the_person_on_the_waiting_list(client, conf, slots):
    RegistrationFactory.create_batch(3, conference=conf)

    page = text(client.get(register_url(conf)))
    response = client.post(
        register_url(conf),
        form_data(**{f"session_{slots['morning'].pk}": slots["tourism"].pk}),
    )

    registration = Registration.objects.get(email="aile@example.no")
    assert "Konferansen er full." in page
    assert registration.state == R.WAITLISTED
    assert signups(registration) == [("Reiseliv i Vest-Telemark", S.WANTED)]
    assert flashed(response) == [
        "Konferansen er full, så du står på ventelisten. Vi sender deg en e-post hvis en plass "
        "blir ledig."
    ]
    manage_page = text(client.get(manage(registration)))
    assert "Du er nummer 1 på ventelista." in manage_page  # the participant's nynorsk


def test_register_already_registered_user_gets_a_link_instead_of_the_form(
    client, conf, participant
):
    registration = RegistrationFactory(conference=conf, user=participant)
    client.force_login(participant)

    page = text(client.get(register_url(conf)))

    assert "Du er allerede påmeldt denne konferansen." in page
    assert manage(registration) in page
    assert 'name="first_name"' not in page


# --- the management pages ------------------------------------------------------------------------


@pytest.fixture
def registered(conf, slots):
    return confirmed_registration(conf, sessions=[slots["hydrogen"], slots["culture"]])


def test_manage_page_shows_state_sessions_and_links(client, registered):
    response = client.get(manage(registered))

    page = text(response)
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert response.headers["Referrer-Policy"] == "strict-origin"
    assert "no-store" in response.headers["Cache-Control"]
    assert 'data-state="confirmed"' in page
    assert "Plassen din på konferansen er bekreftet." in page
    assert "Hydrogen i Grenland" in page
    assert "Kultur og frivilligheit" in page
    for name in [
        "registration_ticket",
        "registration_ticket_pdf",
        "registration_ics",
        "registration_data",
        "registration_sessions",
        "registration_details",
        "registration_cancel",
        "registration_erase",
    ]:
        assert manage(registered, name) in page


@pytest.mark.parametrize(
    "name",
    [
        "registration_manage",
        "registration_sessions",
        "registration_details",
        "registration_cancel",
        "registration_ticket",
        "registration_ticket_pdf",
        "registration_ics",
        "registration_data",
        "registration_erase",
    ],
)
def test_forged_token_is_404_and_changes_nothing(client, registered, name):
    token = registered.manage_token
    forged = token[:-1] + ("B" if token.endswith("A") else "A")  # one character off
    url = reverse(name, args=[forged])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    registered.refresh_from_db()
    assert registered.state == R.CONFIRMED


def test_forged_token_accept_is_404(client, registered):
    url = reverse("registration_accept", args=["forged"])

    assert client.post(url).status_code == 404


def test_another_registrations_link_changes_only_that_registration(client, conf, registered):
    other = confirmed_registration(conf, email="other@example.no")

    client.post(manage(other, "registration_cancel"))

    registered.refresh_from_db()
    other.refresh_from_db()
    assert (registered.state, other.state) == (R.CONFIRMED, R.CANCELLED)


def test_change_sessions_gives_the_freed_place_to_the_next_waiting(client, conf, slots, registered):
    waiting = confirmed_registration(conf, sessions=[slots["hydrogen"]], email="venter@example.no")
    assert signups(waiting) == [("Hydrogen i Grenland", S.WAITLISTED)]

    response = client.post(
        manage(registered, "registration_sessions"),
        {
            f"session_{slots['morning'].pk}": slots["tourism"].pk,
            f"session_{slots['afternoon'].pk}": "",
        },
    )

    assert response.status_code == 303
    assert flashed(response) == ["Programpostene dine er endret."]
    active = [row for row in signups(registered) if row[1] != S.CANCELLED]
    assert active == [("Reiseliv i Vest-Telemark", S.CONFIRMED)]
    assert signups(waiting) == [("Hydrogen i Grenland", S.CONFIRMED)]


def test_change_sessions_form_marks_the_current_choice(client, slots, registered):
    page = text(client.get(manage(registered, "registration_sessions")))

    assert "Hydrogen i Grenland (" in page
    assert "): det du har valgt nå" in page
    assert f'value="{slots["hydrogen"].pk}" id="id_session_{slots["morning"].pk}_1" checked' in page


def test_change_sessions_with_a_session_of_another_slot_changes_nothing(client, slots, registered):
    morning = f"session_{slots['morning'].pk}"

    response = client.post(
        manage(registered, "registration_sessions"), {morning: slots["roads"].pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        morning: ["Velg en av programpostene i dette tidsrommet, eller ingen."]
    }
    assert signups(registered) == [
        ("Hydrogen i Grenland", S.CONFIRMED),
        ("Kultur og frivilligheit", S.CONFIRMED),
    ]


def test_change_details_saves_and_says_so(client, registered):
    data = form_data(first_name="Kari", last_name="Nordmann", phone="+47 35 58 00 00")
    data.update(diets=["vegan"], photos="on")

    response = client.post(manage(registered, "registration_details"), data)

    registered.refresh_from_db()
    assert response.status_code == 303
    assert flashed(response) == ["Opplysningene dine er lagret."]
    assert (registered.phone, registered.diets, registered.photos) == (
        "+4735580000",
        ["vegan"],
        True,
    )
    assert registered.email == "kari@example.no"


def test_change_details_with_a_bad_name_changes_nothing(client, registered):
    response = client.post(
        manage(registered, "registration_details"), form_data(first_name="K@ri", last_name="N")
    )

    registered.refresh_from_db()
    assert list(response.context["form"].errors) == ["first_name"]
    assert registered.first_name == "Kari"


def test_cancel_asks_first_then_cancels_and_frees_the_place(client, conf, registered):
    conf.capacity = 1
    conf.save()
    waiting = confirmed_registration(conf, email="venter@example.no")

    page = text(client.get(manage(registered, "registration_cancel")))
    response = client.post(manage(registered, "registration_cancel"))

    registered.refresh_from_db()
    waiting.refresh_from_db()
    assert "Vil du melde Kari Nordmann av Møteplass Telemark 2031?" in page
    assert response.status_code == 303
    assert flashed(response) == ["Påmeldingen din er avmeldt. Takk for at du sa fra."]
    assert registered.state == R.CANCELLED
    assert waiting.state == R.OFFERED
    after = text(client.get(manage(registered)))
    assert "Denne påmeldingen er avmeldt. Den kan ikke lenger endres." in after
    assert manage(registered, "registration_sessions") not in after


def test_accept_offer_confirms_the_place(client, conf):
    registration = RegistrationFactory(
        conference=conf,
        state=R.OFFERED,
        offer_expires_at=timezone.now() + dt.timedelta(hours=5),
    )

    page = text(client.get(manage(registration)))
    response = client.post(manage(registration, "registration_accept"))

    registration.refresh_from_db()
    assert "Takk ja til plassen" in page
    assert flashed(response) == ["Du har takket ja til plassen. Velkommen til konferansen!"]
    assert registration.state == R.CONFIRMED


def test_accept_expired_offer_says_so_and_changes_nothing(client, conf):
    registration = RegistrationFactory(
        conference=conf,
        state=R.OFFERED,
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1),
    )

    page = text(client.get(manage(registration)))
    response = client.post(manage(registration, "registration_accept"))

    registration.refresh_from_db()
    assert "Fristen for å takke ja til plassen har gått ut." in page
    assert flashed(response) == [
        "Tilbudet har gått ut, og plassen har gått videre til nestemann på ventelisten."
    ]
    assert registration.state == R.OFFERED


def test_after_the_deadline_the_page_is_read_only_and_changes_are_refused(
    client, conf, slots, registered
):
    conf.registration_changes_until = timezone.now() - dt.timedelta(minutes=1)
    conf.save()
    refused = "Fristen for endringer har gått ut. Kontakt arrangøren hvis noe er feil."

    page = text(client.get(manage(registered)))
    posts = [
        client.post(manage(registered, "registration_cancel")),
        client.post(manage(registered, "registration_details"), form_data(first_name="Ola")),
        client.post(
            manage(registered, "registration_sessions"),
            {f"session_{slots['morning'].pk}": slots["tourism"].pk},
        ),
    ]

    registered.refresh_from_db()
    assert "Fristen for endringer har gått ut, så denne siden kan bare leses." in page
    assert manage(registered, "registration_cancel") not in page
    assert [response.status_code for response in posts] == [303, 303, 303]
    assert [flashed(response)[-1] for response in posts] == [refused] * 3
    assert (registered.state, registered.first_name) == (R.CONFIRMED, "Kari")
    assert signups(registered)[0] == ("Hydrogen i Grenland", S.CONFIRMED)


def test_erase_explains_then_deletes_and_the_link_stops_working(client, registered):
    old_token = registered.manage_token

    page = text(client.get(manage(registered, "registration_erase")))
    response = client.post(manage(registered, "registration_erase"))

    registered.refresh_from_db()
    assert "Dette sletter vi" in page
    assert "Bare anonyme tall" in page
    assert response.status_code == 303
    assert response.headers["Location"] == (
        reverse("registration_erased", args=[registered.conference.slug]) + "?language=nb"
    )
    assert registered.first_name == registered.email == ""
    assert registered.state == R.CANCELLED
    assert client.get(reverse("registration_manage", args=[old_token])).status_code == 404
    erased = client.get(response.headers["Location"])
    assert "Påmeldingen din er slettet" in text(erased)


def test_erase_in_nynorsk_lands_on_a_nynorsk_page(client, conf):
    registration = confirmed_registration(conf, language="nn")

    response = client.post(manage(registration, "registration_erase"), follow=True)

    assert response.headers["Content-Language"] == "nn"
    assert "Påmeldinga di er sletta" in text(response)
    assert "Påmeldinga og personopplysningane dine er sletta." in text(response)


def test_data_download_holds_everything_stored(client, registered):
    response = client.get(manage(registered, "registration_data"))

    data = json.loads(response.content)
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="registration-moteplass-2031.json"'
    )
    assert (data["first_name"], data["email"], data["state"]) == (
        "Kari",
        "kari@example.no",
        "confirmed",
    )
    assert data["sessions"] == [
        {"session": "Hydrogen i Grenland", "state": "confirmed"},
        {"session": "Kultur og frivilligheit", "state": "confirmed"},
    ]
    assert [m["subject"] for m in data["messages"]] == ["Du er påmeldt Møteplass Telemark 2031"]


def test_calendar_file_holds_the_conference_and_sessions(client, registered):
    response = client.get(manage(registered, "registration_ics"))

    calendar = response.content.decode()
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:Møteplass Telemark 2031" in calendar
    assert "SUMMARY:Hydrogen i Grenland" in calendar
    assert "SUMMARY:Kultur og frivilligheit" in calendar


def test_ticket_page_shows_the_code_and_its_qr_code(client, registered):
    response = client.get(manage(registered, "registration_ticket"))

    page = text(response)
    assert response.status_code == 200
    assert registered.ticket_code in page
    assert f'<svg role="img" aria-label="QR-kode for billett {registered.ticket_code}"' in page
    assert "Kari Nordmann" in page
    assert "style=" not in page


@pytest.mark.parametrize("state", [R.WAITLISTED, R.CANCELLED, R.OFFERED])
def test_ticket_and_calendar_only_for_a_confirmed_place(client, conf, state):
    registration = RegistrationFactory(
        conference=conf,
        state=state,
        offer_expires_at=timezone.now() + dt.timedelta(hours=1) if state == R.OFFERED else None,
    )

    for name in ["registration_ticket", "registration_ticket_pdf", "registration_ics"]:
        assert client.get(manage(registration, name)).status_code == 404


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("slot_count", [1, 3])
def test_form_query_count_does_not_grow_with_sessions(
    client, conf, slot_count, django_assert_num_queries
):
    for n in range(slot_count):
        parallel_slot(conf, hour=9 + n, capacities=(10, 10, 10))

    with django_assert_num_queries(5):
        response = client.get(register_url(conf))

    assert response.status_code == 200


@pytest.mark.parametrize("slot_count", [1, 3])
def test_manage_page_query_count_does_not_grow_with_sessions(
    client, conf, slot_count, django_assert_num_queries
):
    sessions = [parallel_slot(conf, hour=9 + n)[1][0] for n in range(slot_count)]
    registration = confirmed_registration(conf, sessions=sessions)

    with django_assert_num_queries(2):
        response = client.get(manage(registration))

    assert len(response.context["signups"]) == slot_count

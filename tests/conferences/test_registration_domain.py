"""The write side of registration (conferences.domain.registration): the state machine of a
registration and of its session sign-ups, capacity and the waiting lists, limits, deadlines,
check-in and the participant's personal data."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone, translation

from conferences.domain import registration as domain
from conferences.domain.checkin import AlreadyCheckedIn, check_in, undo_check_in
from conferences.domain.personal_data import (
    erase_expired_data,
    erase_registration,
    registration_data,
)
from conferences.domain.registration import (
    RegistrationError,
    accept_offer,
    cancel_registration,
    change_sessions,
    confirm_beyond_capacity,
    expire_offers,
    register,
    set_registration_state,
    update_details,
)
from conferences.enums import InvitationAnswer, MailRole, RegistrationState, SignupState
from conferences.models import Invitation, OutboxMessage, Registration
from moteplass.models import ActivityLog
from partners.models import Municipality
from tests.factories import (
    ConferenceFactory,
    OrganisationFactory,
    UserFactory,
    open_registration,
    parallel_slot,
)

pytestmark = pytest.mark.django_db
R = RegistrationState
S = SignupState


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


@pytest.fixture
def conf(conference):
    return open_registration(conference, capacity=3)


def person(n, **extra):
    return {
        "first_name": f"Kari{n}",
        "last_name": "Nordmann",
        "email": f"kari{n}@example.no",
        "language": "nn",
        **extra,
    }


def signup_states(registration):
    return sorted(
        (signup.session.title, signup.state)
        for signup in registration.signups.select_related("session")
    )


def mails(role):
    return list(OutboxMessage.objects.filter(role=role).order_by("pk"))


# --- registering and capacity --------------------------------------------------------------------


def test_register_confirms_while_places_are_free_then_waitlists_in_order(conf):
    made = [register(conf, values=person(n)) for n in range(5)]

    assert [r.state for r in made] == [R.CONFIRMED] * 3 + [R.WAITLISTED] * 2
    assert made[3].waitlisted_at <= made[4].waitlisted_at
    assert len(mails(MailRole.REGISTRATION_CONFIRMATION)) == 3
    assert len(mails(MailRole.REGISTRATION_WAITLISTED)) == 2


def test_confirmation_is_in_the_persons_written_standard_with_calendar_and_link(conf):
    registration = register(conf, values=person(1))

    [message] = mails(MailRole.REGISTRATION_CONFIRMATION)
    assert message.language == "nn"
    assert message.subject == "Du er påmeld Møteplass Telemark 2031"
    assert f"/registration/{registration.manage_token}/" in message.body
    assert message.attachment_name == "moteplass-2031.ics"
    assert message.attachment_type == "text/calendar"
    assert "SUMMARY:Møteplass Telemark 2031" in message.attachment
    assert "DTSTART;VALUE=DATE:20310422" in message.attachment


def test_register_outside_the_opening_times_is_refused(conference):
    now = timezone.now()
    conference.registration_opens = now + dt.timedelta(days=1)
    conference.registration_closes = now + dt.timedelta(days=3)
    conference.save()

    with pytest.raises(RegistrationError) as error:
        register(conference, values=person(1))

    assert str(error.value) == "Påmeldingen til denne konferansen har ikke åpnet ennå."
    with pytest.raises(RegistrationError) as error:
        register(conference, values=person(1), now=now + dt.timedelta(days=3))
    assert str(error.value) == "Påmeldingen til denne konferansen er stengt."
    assert Registration.objects.count() == 0


def test_invitation_only_needs_an_invitation_of_this_conference(conference):
    open_registration(conference, invitation_only=True)
    other = Invitation.objects.create(
        conference=ConferenceFactory(), first_name="A", last_name="B", email="a@example.no"
    )
    mine = Invitation.objects.create(
        conference=conference, first_name="Kari1", last_name="Nordmann", email="kari1@example.no"
    )

    for invitation in (None, other):
        with pytest.raises(RegistrationError):
            register(conference, values=person(1), invitation=invitation)
    registration = register(conference, values=person(1), invitation=mine)

    assert registration.state == R.CONFIRMED
    mine.refresh_from_db()
    assert mine.answer == InvitationAnswer.YES


def test_the_same_email_cannot_register_twice_but_may_again_after_cancelling(conf):
    first = register(conf, values=person(1))

    with pytest.raises(RegistrationError) as error:
        register(conf, values=person(1, email="KARI1@example.no "))
    assert error.value.field == "email"

    cancel_registration(first)
    again = register(conf, values=person(1))
    assert again.state == R.CONFIRMED
    assert Registration.objects.count() == 2


def test_a_repeated_form_key_returns_the_first_registration(conf):
    key = uuid.uuid4()

    first = register(conf, values=person(1), creation_key=key)
    second = register(conf, values=person(1), creation_key=key)

    assert second.pk == first.pk
    assert Registration.objects.count() == 1
    assert len(mails(MailRole.REGISTRATION_CONFIRMATION)) == 1


def test_places_per_organisation_and_municipality_are_limited(conference):
    open_registration(conference, places_per_organisation=2, places_per_municipality=1)
    org = OrganisationFactory(name="Skien kommune")
    skien = Municipality.objects.get(number="4003")
    register(conference, values=person(1, organisation=org))
    register(conference, values=person(2, organisation=org))

    with pytest.raises(RegistrationError) as error:
        register(conference, values=person(3, organisation=org))
    assert error.value.field == "organisation"
    assert str(error.value) == (
        "Organisasjonen din har brukt alle sine 2 plasser. Spør arrangøren om dere trenger flere."
    )

    register(conference, values=person(4, organisation_name="Lag og foreining", municipality=skien))
    with pytest.raises(RegistrationError) as error:
        register(conference, values=person(5, municipality=skien))
    assert error.value.field == "municipality"
    assert str(error.value) == (
        "Skien har brukt alle sine 1 plasser. Spør arrangøren om dere trenger flere."
    )
    assert Registration.objects.count() == 3


def test_a_typed_organisation_name_counts_against_the_limit_case_insensitively(conference):
    open_registration(conference, places_per_organisation=1)
    register(conference, values=person(1, organisation_name="Bø Idrettslag"))

    with pytest.raises(RegistrationError):
        register(conference, values=person(2, organisation_name="bø idrettslag"))


def test_adviser_override_confirms_beyond_capacity_and_logs_the_reason(conf, adviser):
    for n in range(3):
        register(conf, values=person(n))

    extra = register(conf, values=person(9), override_reason="Ordføraren", by=adviser)

    assert extra.state == R.CONFIRMED
    assert extra.override_reason == "Ordføraren"
    assert Registration.objects.filter(state__in=R.holding()).count() == 4
    log = ActivityLog.objects.get(object_id=extra.pk, action="conferences.registration.confirmed")
    assert log.data == {"from": "", "reason": "Ordføraren"}
    assert log.user == adviser


# --- the waiting list -----------------------------------------------------------------------------


def test_cancelling_offers_the_place_to_the_first_waiting_with_a_deadline(conf):
    confirmed = [register(conf, values=person(n)) for n in range(3)]
    first, second = register(conf, values=person(7)), register(conf, values=person(8))
    now = timezone.now()

    cancel_registration(confirmed[0], now=now)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (R.OFFERED, R.WAITLISTED)
    assert first.offer_expires_at == now + dt.timedelta(hours=48)
    [offer] = mails(MailRole.WAITING_LIST_OFFER)
    assert offer.to_email == "kari7@example.no"
    assert f"/registration/{first.manage_token}/" in offer.body
    assert len(mails(MailRole.REGISTRATION_CANCELLED)) == 1


def test_an_accepted_offer_confirms_and_an_unanswered_one_passes_on(conf):
    confirmed = [register(conf, values=person(n)) for n in range(3)]
    first, second = register(conf, values=person(7)), register(conf, values=person(8))
    now = timezone.now()
    cancel_registration(confirmed[0], now=now)
    cancel_registration(confirmed[1], now=now)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (R.OFFERED, R.OFFERED)

    accept_offer(first, now=now + dt.timedelta(hours=1))
    assert expire_offers(now=now + dt.timedelta(hours=49)) == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (R.CONFIRMED, R.EXPIRED)
    with pytest.raises(RegistrationError):
        accept_offer(second, now=now + dt.timedelta(hours=50))


def test_an_expired_offer_goes_to_the_next_person_waiting(conf):
    confirmed = [register(conf, values=person(n)) for n in range(3)]
    first, second = register(conf, values=person(7)), register(conf, values=person(8))
    now = timezone.now()
    cancel_registration(confirmed[0], now=now)

    expire_offers(now=now + dt.timedelta(hours=48, seconds=1))

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (R.EXPIRED, R.OFFERED)
    [expired] = mails(MailRole.OFFER_EXPIRED)
    assert (expired.to_email, expired.language) == ("kari7@example.no", "nn")
    assert expired.subject == "Tilbodet om plass på Møteplass Telemark 2031 har gått ut"
    assert [m.to_email for m in mails(MailRole.WAITING_LIST_OFFER)] == [
        "kari7@example.no",
        "kari8@example.no",
    ]
    with pytest.raises(RegistrationError) as error:
        accept_offer(first, now=now + dt.timedelta(hours=49))
    assert str(error.value) == "Det er ikke noe åpent tilbud på denne påmeldingen."


def test_a_new_registration_does_not_jump_the_queue_while_an_offer_is_open(conf):
    confirmed = [register(conf, values=person(n)) for n in range(3)]
    register(conf, values=person(7))
    cancel_registration(confirmed[0])

    late = register(conf, values=person(8))

    assert late.state == R.WAITLISTED
    assert Registration.objects.filter(state__in=R.holding()).count() == 3


def test_adviser_gives_a_waiting_person_a_place_beyond_capacity(conf, adviser):
    for n in range(3):
        register(conf, values=person(n))
    waiting = register(conf, values=person(7))

    with pytest.raises(RegistrationError) as error:
        confirm_beyond_capacity(waiting, reason="  ", by=adviser)
    assert error.value.field == "reason"
    confirm_beyond_capacity(waiting, reason="Innleiar", by=adviser)

    waiting.refresh_from_db()
    assert (waiting.state, waiting.override_reason) == (R.CONFIRMED, "Innleiar")


def test_transitions_not_in_the_state_machine_are_refused(conf):
    registration = register(conf, values=person(1))
    cancel_registration(registration)

    assert set_registration_state(registration, R.CONFIRMED) is False
    assert set_registration_state(registration, R.CHECKED_IN) is False
    registration.refresh_from_db()
    assert registration.state == R.CANCELLED


# --- sessions -------------------------------------------------------------------------------------


def test_sessions_fill_then_waitlist_and_a_freed_place_goes_to_the_first_waiting(conf):
    conf.capacity = 10
    conf.save()
    _, (small, big) = parallel_slot(conf, capacities=(1, 5), titles=["Liten", "Stor"])
    one = register(conf, values=person(1), sessions=[small])
    two = register(conf, values=person(2), sessions=[small])
    three = register(conf, values=person(3), sessions=[small])

    assert signup_states(one) == [("Liten", S.CONFIRMED)]
    assert signup_states(two) == [("Liten", S.WAITLISTED)]

    change_sessions(one, [big])

    assert signup_states(one) == [("Liten", S.CANCELLED), ("Stor", S.CONFIRMED)]
    assert signup_states(two) == [("Liten", S.CONFIRMED)]
    assert signup_states(three) == [("Liten", S.WAITLISTED)]
    [notice] = mails(MailRole.SESSION_PLACE)
    assert notice.to_email == "kari2@example.no"
    assert "«Liten»" in notice.subject


def test_one_session_per_time_slot_and_only_this_conferences_sessions(conf):
    _, (first, second) = parallel_slot(conf)
    other_conf = open_registration(ConferenceFactory())
    _, (foreign, _x) = parallel_slot(other_conf)

    with pytest.raises(RegistrationError) as error:
        register(conf, values=person(1), sessions=[first, second])
    assert str(error.value) == "Velg én programpost per tidsluke."
    with pytest.raises(RegistrationError) as error:
        register(conf, values=person(1), sessions=[foreign])
    assert error.value.field == "sessions"
    assert Registration.objects.count() == 0


def test_a_waitlisted_registration_only_wants_its_sessions_until_it_gets_a_place(conf):
    _, (small, _big) = parallel_slot(conf, capacities=(1, 5))
    confirmed = [register(conf, values=person(n)) for n in range(3)]
    waiting = register(conf, values=person(7), sessions=[small])
    assert signup_states(waiting) == [(small.title, S.WANTED)]

    cancel_registration(confirmed[0])
    waiting.refresh_from_db()
    accept_offer(waiting)

    assert signup_states(waiting) == [(small.title, S.CONFIRMED)]


def test_cancelling_frees_session_places(conf):
    _, (small, _big) = parallel_slot(conf, capacities=(1, 5))
    one = register(conf, values=person(1), sessions=[small])
    two = register(conf, values=person(2), sessions=[small])

    cancel_registration(one)

    assert signup_states(one) == [(small.title, S.CANCELLED)]
    assert signup_states(two) == [(small.title, S.CONFIRMED)]


def test_changes_after_the_deadline_are_refused(conf):
    registration = register(conf, values=person(1))
    conf.registration_changes_until = timezone.now() - dt.timedelta(minutes=1)
    conf.save()

    with pytest.raises(RegistrationError) as error:
        change_sessions(registration, [])
    assert str(error.value) == (
        "Fristen for endringer har gått ut. Kontakt arrangøren hvis noe er feil."
    )
    with pytest.raises(RegistrationError):
        cancel_registration(registration)
    with pytest.raises(RegistrationError):
        update_details(registration, values={"phone": "+4791234567"})


def test_update_details_logs_field_names_only(conf):
    registration = register(conf, values=person(1))

    changed = update_details(registration, values={"allergens": ["nuts"], "phone": "+4791234567"})

    assert changed == ["phone", "allergens"]
    log = ActivityLog.objects.get(action="conferences.registration.details")
    assert log.data == {"fields": ["phone", "allergens"]}


# --- check-in ------------------------------------------------------------------------------------


def test_check_in_once_and_twice_says_when(conf, adviser):
    registration = register(conf, values=person(1))
    at = timezone.make_aware(dt.datetime(2031, 4, 22, 8, 41))

    check_in(registration, by=adviser, now=at)
    with pytest.raises(AlreadyCheckedIn) as error:
        check_in(Registration.objects.get(pk=registration.pk), by=adviser)

    assert str(error.value) == "Kari1 Nordmann ble allerede sjekket inn kl. 08:41."
    registration.refresh_from_db()
    assert (registration.state, registration.checked_in_by) == (R.CHECKED_IN, adviser)
    assert undo_check_in(registration, by=adviser) is True
    registration.refresh_from_db()
    assert (registration.state, registration.checked_in_at) == (R.CONFIRMED, None)


def test_a_stale_copy_cannot_check_in_a_second_time(conf, adviser):
    registration = register(conf, values=person(1))
    stale = Registration.objects.get(pk=registration.pk)
    check_in(registration, by=adviser)

    with pytest.raises(AlreadyCheckedIn):
        check_in(stale, by=adviser)
    assert ActivityLog.objects.filter(action="conferences.registration.checked_in").count() == 1


def test_a_waitlisted_person_cannot_be_checked_in(conf, adviser):
    for n in range(3):
        register(conf, values=person(n))
    waiting = register(conf, values=person(7))

    with pytest.raises(RegistrationError) as error:
        check_in(waiting, by=adviser)
    assert str(error.value) == "Kari7 Nordmann har ingen bekreftet plass (På venteliste)."


# --- personal data --------------------------------------------------------------------------------


def test_registration_data_holds_everything_stored(conf):
    _, (small, _big) = parallel_slot(conf)
    registration = register(
        conf,
        values=person(1, phone="+4791234567", diets=["vegan"], allergens=["nuts"]),
        sessions=[small],
    )

    data = registration_data(registration)

    assert data["email"] == "kari1@example.no"
    assert data["diets"] == ["vegan"]
    assert data["allergens"] == ["nuts"]
    assert data["sessions"] == [{"session": small.title, "state": "confirmed"}]
    assert [m["subject"] for m in data["messages"]] == ["Du er påmeld Møteplass Telemark 2031"]


def test_erasing_cancels_frees_the_place_and_keeps_only_anonymous_counts(conf):
    skien = Municipality.objects.get(number="4003")
    org = OrganisationFactory()
    registration = register(
        conf,
        values=person(
            1, municipality=skien, organisation=org, diets=["vegan"], phone="+4790000000"
        ),
        user=UserFactory(),
    )
    [register(conf, values=person(n)) for n in range(2, 4)]
    waiting = register(conf, values=person(9))
    token, code = registration.manage_token, registration.ticket_code

    erase_registration(registration)

    registration.refresh_from_db()
    assert registration.state == R.CANCELLED
    assert (registration.first_name, registration.email, registration.phone) == ("", "", "")
    assert (registration.diets, registration.organisation, registration.user) == ([], None, None)
    assert registration.municipality == skien
    assert registration.sector == org.sector
    assert registration.manage_token != token and registration.ticket_code != code
    assert not OutboxMessage.objects.filter(about_id=registration.pk, to_email="kari1@example.no")
    waiting.refresh_from_db()
    assert waiting.state == R.OFFERED


def test_retention_job_erases_health_details_then_whole_registrations(settings):
    settings.REGISTRATION_HEALTH_RETENTION_DAYS = 30
    settings.REGISTRATION_RETENTION_DAYS = 365
    past = ConferenceFactory(year=2024)
    kept = Registration.objects.create(
        conference=past,
        state=R.CHECKED_IN,
        checked_in_at=timezone.now(),
        first_name="Ola",
        email="ola@example.no",
        language="nb",
        diets=["vegan"],
        access_other="Rullestol",
    )
    day = past.end_date

    def at(days):
        return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=days), dt.time(12)))

    assert erase_expired_data(now=at(30)) == {"health": 0, "registrations": 0}
    assert erase_expired_data(now=at(31)) == {"health": 1, "registrations": 0}
    kept.refresh_from_db()
    assert (kept.diets, kept.access_other, kept.first_name) == ([], "", "Ola")
    assert erase_expired_data(now=at(31)) == {"health": 0, "registrations": 0}
    assert erase_expired_data(now=at(366)) == {"health": 0, "registrations": 1}
    kept.refresh_from_db()
    assert (kept.first_name, kept.email, kept.state) == ("", "", R.CHECKED_IN)


def test_the_race_widener_is_off_by_default():
    assert domain.pause_before_write is None


def _badge_file(conference):
    from django.core.files.base import ContentFile

    from conferences.models import BadgeFile

    row = BadgeFile.objects.create(conference=conference, layout="sheet", state="done")
    row.file.save("badges.pdf", ContentFile(b"%PDF-1.7 badges"))
    return row


def test_erasing_a_registration_deletes_the_name_badge_files(conf):
    from conferences.models import BadgeFile

    registration = register(conf, values=person(1))
    stored = _badge_file(conf).file.name

    erase_registration(registration)

    assert BadgeFile.objects.count() == 0
    from django.core.files.storage import default_storage

    assert not default_storage.exists(stored)


def test_retention_job_deletes_badge_files_with_the_health_details(settings):
    from conferences.models import BadgeFile

    settings.REGISTRATION_HEALTH_RETENTION_DAYS = 30
    past, recent = ConferenceFactory(year=2024), ConferenceFactory(year=2026)
    _badge_file(past)
    _badge_file(recent)
    now = timezone.make_aware(dt.datetime.combine(past.end_date + dt.timedelta(days=31), dt.time()))

    erase_expired_data(now=now)

    assert list(BadgeFile.objects.values_list("conference", flat=True)) == [recent.pk]

"""Capacity under real parallel requests (house style rule 22; pretix's concurrency tests).

Each job runs in a thread of its own with its own PostgreSQL connection, all released together by
a barrier, in real transactions (``django_db(transaction=True)``): the domain's row locks are what
keeps the conference and its sessions from being oversold. The control tests switch the locks off
(``REGISTRATION_LOCKING = False``) and widen the window between counting and writing
(``pause_before_write``): then places ARE oversold, which proves the tests would catch it.

PostgreSQL only (deselected on SQLite, see conftest.py); no Celery worker is started: mail is
queued in the outbox and delivered eagerly to the locmem backend after each commit.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conferences.domain import registration as domain
from conferences.domain.checkin import AlreadyCheckedIn, check_in
from conferences.domain.mail import ensure_default_templates
from conferences.domain.registration import (
    RegistrationError,
    accept_offer,
    cancel_registration,
    change_sessions,
    expire_offers,
    register,
)
from conferences.enums import RegistrationState, SignupState
from conferences.models import Registration, SessionSignup
from moteplass.models import ActivityLog
from partners.models import Municipality
from tests.factories import (
    ConferenceFactory,
    RegistrationFactory,
    UserFactory,
    open_registration,
    parallel_slot,
)
from tests.integration.conftest import INTEGRATION
from tests.support.parallel import run_together

pytestmark = INTEGRATION

R = RegistrationState
S = SignupState


# --- running jobs at the same moment -------------------------------------------------------------


def errors(results: list) -> list[Exception]:
    return [result for result in results if isinstance(result, Exception)]


def holders(conference) -> int:
    return Registration.objects.filter(conference=conference, state__in=R.holding()).count()


def confirmed_in(session) -> int:
    return SessionSignup.objects.filter(session=session, state=S.CONFIRMED).count()


def watch(count: Callable[[], int]) -> Callable[[threading.Event], int]:
    """A background job that counts again and again while the others run; returns the highest
    count it saw. Each count is one statement, so it sees one committed state of the database."""

    def monitor(finished: threading.Event) -> int:
        highest = 0
        while not finished.is_set():
            highest = max(highest, count())
            time.sleep(0.002)
        return max(highest, count())

    return monitor


def person(n: int, **extra) -> dict:
    return {
        "first_name": f"Åse {letters(n)}",
        "last_name": "Bø",
        "email": f"rush{n}@example.no",
        "language": "nn",
        **extra,
    }


@pytest.fixture
def conference():
    conference = open_registration(
        ConferenceFactory(title="Møteplass Telemark 2031", slug="moteplass-2031", year=2031),
        capacity=30,
    )
    ensure_default_templates(conference)  # made once here, not by fifty first emails at once
    return conference


@pytest.fixture
def last_ten_places(conference):
    """The conference with 20 of its 30 places taken."""
    RegistrationFactory.create_batch(20, conference=conference)
    return conference


@pytest.fixture
def wide_window(monkeypatch):
    """Widen the window between counting the places and writing the registration to 50 ms."""
    monkeypatch.setattr(domain, "pause_before_write", lambda: time.sleep(0.05))


@pytest.fixture
def no_locks(settings, wide_window):
    settings.REGISTRATION_LOCKING = False


def rush(conference, count: int, *, first: int = 100, sessions=()) -> list:
    results, _ = run_together(
        [
            lambda n=n: register(conference, values=person(n), sessions=sessions)
            for n in range(first, first + count)
        ]
    )
    return results


def new_states(conference) -> Counter:
    return Counter(
        Registration.objects.filter(conference=conference, email__startswith="rush").values_list(
            "state", flat=True
        )
    )


def session_states(session) -> Counter:
    return Counter(SessionSignup.objects.filter(session=session).values_list("state", flat=True))


def confirmed_registrations(conference, count: int) -> list[Registration]:
    return [
        register(conference, values=person(n, first_name=f"Ola {letters(n)}"))
        for n in range(1, count + 1)
    ]


# --- a) the conference's last places -------------------------------------------------------------


@pytest.mark.parametrize("window", ["as is", "widened"])
def test_rush_for_the_last_ten_places_confirms_exactly_ten(last_ten_places, window, request):
    if window == "widened":
        request.getfixturevalue("wide_window")

    results = rush(last_ten_places, 50)

    assert errors(results) == []
    assert Counter(registration.state for registration in results) == {
        R.CONFIRMED: 10,
        R.WAITLISTED: 40,
    }
    assert new_states(last_ten_places) == {R.CONFIRMED: 10, R.WAITLISTED: 40}
    assert holders(last_ten_places) == 30
    queue = list(
        Registration.objects.filter(conference=last_ten_places, state=R.WAITLISTED).order_by(
            "waitlisted_at", "pk"
        )
    )
    assert len({registration.pk for registration in queue}) == 40
    assert len({registration.waitlisted_at for registration in queue}) == 40  # no shared place


# --- b) a session's last places ------------------------------------------------------------------


def test_fifty_participants_choosing_a_ten_place_session_at_once_confirm_ten(conference):
    conference.capacity = 100
    conference.save()
    _, (workshop, _other) = parallel_slot(conference, capacities=(10, 40))
    participants = confirmed_registrations(conference, 50)

    results, _ = run_together(
        [lambda reg=reg: change_sessions(reg, [workshop]) for reg in participants]
    )

    assert errors(results) == []
    assert results == [{"added": 1, "dropped": 0}] * 50
    assert session_states(workshop) == {S.CONFIRMED: 10, S.WAITLISTED: 40}


def test_fifty_new_registrations_choosing_a_ten_place_session_confirm_ten(conference):
    conference.capacity = 100
    conference.save()
    _, (workshop, _other) = parallel_slot(conference, capacities=(10, 40))

    results = rush(conference, 50, sessions=[workshop])

    assert errors(results) == []
    assert new_states(conference) == {R.CONFIRMED: 50}
    assert session_states(workshop) == {S.CONFIRMED: 10, S.WAITLISTED: 40}


# --- c) the control: without the locks the same rushes oversell ----------------------------------


def test_control_without_locks_the_last_ten_places_are_oversold(last_ten_places, no_locks):
    results = rush(last_ten_places, 50)

    assert errors(results) == []
    assert new_states(last_ten_places)[R.CONFIRMED] > 10
    assert holders(last_ten_places) > 30


def test_control_without_locks_a_session_is_oversold_by_changes(conference, no_locks):
    conference.capacity = 100
    conference.save()
    _, (workshop, _other) = parallel_slot(conference, capacities=(10, 40))
    participants = confirmed_registrations(conference, 50)

    results, _ = run_together(
        [lambda reg=reg: change_sessions(reg, [workshop]) for reg in participants]
    )

    assert errors(results) == []
    assert confirmed_in(workshop) > 10


def test_control_without_locks_a_session_is_oversold_by_registrations(conference, no_locks):
    conference.capacity = 100
    conference.save()
    _, (workshop, _other) = parallel_slot(conference, capacities=(10, 40))

    results = rush(conference, 50, sessions=[workshop])

    assert errors(results) == []
    assert confirmed_in(workshop) > 10


# --- d) cancellations and the waiting list racing with new registrations -------------------------


def test_cancellations_offers_and_expiry_racing_with_registrations_never_oversell(conference):
    # Arrange: 20 places, all taken, 40 people waiting in a known order.
    conference.capacity = 20
    conference.save()
    confirmed = RegistrationFactory.create_batch(20, conference=conference)
    start = timezone.now() - dt.timedelta(hours=1)
    waiting = [
        RegistrationFactory(
            conference=conference,
            state=R.WAITLISTED,
            waitlisted_at=start + dt.timedelta(seconds=n),
            email=f"venteliste{n}@example.no",
        )
        for n in range(40)
    ]
    far_future = timezone.now() + dt.timedelta(days=30)

    def accept_offers(finished: threading.Event) -> int:
        accepted = 0
        while not finished.is_set():
            offer = (
                Registration.objects.filter(conference=conference, state=R.OFFERED)
                .order_by("?")
                .first()
            )
            if offer is None:
                time.sleep(0.005)
                continue
            try:
                accept_offer(offer)
                accepted += 1
            except RegistrationError:  # another helper took it, or it expired meanwhile
                pass
        return accepted

    def expiry_job() -> int:
        expired = 0
        for _ in range(2):
            time.sleep(0.15)
            expired += expire_offers(now=far_future)
        return expired

    # Act: 10 cancel, 20 register, the expiry job runs twice; 10 accept offers as they come.
    results, (highest, *accepted) = run_together(
        [
            *[lambda reg=reg: cancel_registration(reg) for reg in confirmed[:10]],
            *[lambda n=n: register(conference, values=person(n)) for n in range(20)],
            expiry_job,
        ],
        background=[watch(lambda: holders(conference)), *[accept_offers] * 10],
    )

    # Assert: no refusals or failures, never more holders than places, and the queue in order.
    assert errors(results) == []
    assert errors([highest, *accepted]) == []
    assert results[:10] == [True] * 10
    assert [registration.state for registration in results[10:30]] == [R.WAITLISTED] * 20
    assert highest <= 20
    rows = Registration.objects.filter(conference=conference)
    assert holders(conference) == 20  # people are still waiting, so every place is held
    assert rows.filter(state=R.CANCELLED).count() == 10
    assert rows.filter(state=R.CONFIRMED, waitlisted_at__isnull=False).count() == sum(accepted)
    reached = list(rows.filter(waitlisted_at__isnull=False).exclude(state=R.WAITLISTED))
    still_waiting = list(rows.filter(state=R.WAITLISTED))
    assert len(still_waiting) >= 30
    assert {reg.pk for reg in reached} == {reg.pk for reg in waiting[: len(reached)]}
    assert max(reg.waitlisted_at for reg in reached) < min(
        reg.waitlisted_at for reg in still_waiting
    )


def test_session_drops_and_adds_racing_with_registrations_never_oversell(conference):
    # Arrange: a 10-place workshop, full, with 15 waiting in order; 20 others in the other room.
    conference.capacity = 200
    conference.save()
    _, (workshop, other) = parallel_slot(conference, capacities=(10, 100))
    holding = [register(conference, values=person(n), sessions=[workshop]) for n in range(10)]
    queue = [register(conference, values=person(n), sessions=[workshop]) for n in range(10, 25)]
    elsewhere = [register(conference, values=person(n), sessions=[other]) for n in range(25, 45)]
    assert session_states(workshop) == {S.CONFIRMED: 10, S.WAITLISTED: 15}

    # Act: 10 leave the workshop, the last 3 waiting give up on it, 10 from the other room and
    # 10 new registrations want it, all at once.
    results, (highest,) = run_together(
        [
            *[lambda reg=reg: change_sessions(reg, [other]) for reg in holding],
            *[lambda reg=reg: change_sessions(reg, [other]) for reg in queue[12:]],
            *[lambda reg=reg: change_sessions(reg, [workshop]) for reg in elsewhere[:10]],
            *[
                lambda n=n: register(conference, values=person(n), sessions=[workshop])
                for n in range(100, 110)
            ],
        ],
        background=[watch(lambda: confirmed_in(workshop))],
    )

    # Assert: the first ten waiting got the freed places, nobody jumped the queue.
    assert errors(results) == []
    assert errors([highest]) == []
    assert highest <= 10
    assert session_states(workshop) == {S.CONFIRMED: 10, S.WAITLISTED: 22, S.CANCELLED: 13}
    assert session_states(other) == {S.CONFIRMED: 23, S.CANCELLED: 10}
    signups = SessionSignup.objects.filter(session=workshop)
    assert set(signups.filter(state=S.CONFIRMED).values_list("registration", flat=True)) == {
        reg.pk for reg in queue[:10]
    }
    promoted = signups.filter(state=S.CONFIRMED)
    waiting = signups.filter(state=S.WAITLISTED)
    assert max(s.queued_at for s in promoted) < min(s.queued_at for s in waiting)


# --- e) two helpers at the door ------------------------------------------------------------------


def test_two_helpers_checking_in_the_same_person_at_once_check_in_once(conference):
    people = RegistrationFactory.create_batch(10, conference=conference)
    helpers = UserFactory.create_batch(2)

    # each helper's page loaded the person before either pressed the button
    loaded = [(Registration.objects.get(pk=reg.pk), helper) for reg in people for helper in helpers]

    results, _ = run_together(
        [lambda copy=copy, helper=helper: check_in(copy, by=helper) for copy, helper in loaded]
    )

    assert [r for r in errors(results) if not isinstance(r, AlreadyCheckedIn)] == []
    for index, reg in enumerate(people):
        pair = results[2 * index : 2 * index + 2]
        assert sorted(type(result).__name__ for result in pair) == [
            "AlreadyCheckedIn",
            "Registration",
        ]
        reg.refresh_from_db()
        assert reg.state == R.CHECKED_IN
        winner = next(result for result in pair if isinstance(result, Registration))
        assert reg.checked_in_by == winner.checked_in_by
        assert (
            ActivityLog.objects.filter(
                object_id=reg.pk, action="conferences.registration.checked_in"
            ).count()
            == 1
        )


# --- f) the public form, over HTTP ---------------------------------------------------------------


def letters(n: int) -> str:
    """A name for number ``n`` (names take letters, not digits): 104 → "Bkæ"."""
    return "".join("aæbcdefghk"[int(digit)] for digit in str(n)).capitalize()


def form_data(n: int, municipality: Municipality) -> dict:
    return {
        "first_name": f"Åse {letters(n)}",
        "last_name": "Bø",
        "email": f"rush{n}@example.no",
        "phone": "",
        "organisation": "",
        "organisation_name": f"Verksemd {n}",
        "sector": "naeringsliv",
        "job_title": "Dagleg leiar",
        "municipality": str(municipality.pk),
        "language": "nn",
        "diet_other": "",
        "access_other": "",
        "creation_key": str(uuid.uuid4()),
    }


def test_thirty_parallel_form_posts_for_the_last_ten_places_confirm_ten(last_ten_places):
    # Arrange: 10 of 30 places left, and a 5-place workshop everybody chooses.
    url = reverse("register", args=[last_ten_places.slug])
    vinje = Municipality.objects.get(name="Vinje")
    slot, (workshop, _other) = parallel_slot(last_ten_places, capacities=(5, 40))

    def post(n: int):
        data = {**form_data(n, vinje), f"session_{slot.pk}": str(workshop.pk)}
        return Client(enforce_csrf_checks=False).post(url, data)

    results, _ = run_together([lambda n=n: post(n) for n in range(100, 130)])

    assert errors(results) == []
    assert [response.status_code for response in results] == [303] * 30
    tokens = {
        match.group(1)
        for response in results
        if (match := re.fullmatch(r"/registration/([^/]+)/", response["Location"]))
    }
    assert len(tokens) == 30
    assert new_states(last_ten_places) == {R.CONFIRMED: 10, R.WAITLISTED: 20}
    # the workshop's 5 places go to people with a conference place; the others wait for it
    assert session_states(workshop) == {S.CONFIRMED: 5, S.WAITLISTED: 5, S.WANTED: 20}
    assert (
        set(
            Registration.objects.filter(email__startswith="rush").values_list(
                "manage_token", flat=True
            )
        )
        == tokens
    )

"""The reminder job of follow-up (conferences.domain.reminders.send_reminders, Celery beat): it
picks exactly the commitments due soon, overdue or due for a status update, sends each reminder
once, through the outbox, one message per person and organisation, in their written standard."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from conferences import tasks
from conferences.domain import reminders
from conferences.domain.followup import save_commitment, set_commitment_state
from conferences.domain.reminders import (
    DUE_SOON,
    OVERDUE,
    UPDATE,
    reminders_due,
    send_reminders,
)
from conferences.enums import CommitmentState, MailRole, MessageState
from conferences.models import OutboxMessage
from moteplass.audit import history_for
from moteplass.celery import app
from partners.enums import MembershipRole
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PriorityFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
C = CommitmentState
OSLO = ZoneInfo("Europe/Oslo")
# six weeks after Møteplass Telemark 2031 (22–23 April)
NOW = dt.datetime(2031, 6, 2, 9, 0, tzinfo=OSLO)
TODAY = dt.date(2031, 6, 2)
RECENT = NOW - dt.timedelta(days=1)  # a status change a day ago: no update is due yet


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.FOLLOWUP_DUE_SOON_DAYS = 14
    with translation.override("nb"):
        yield


@pytest.fixture
def priority(conference):
    return PriorityFactory(conference=conference)


def commitment(priority, title, due, *, state=C.PLANNED, changed=RECENT, title_nn="", **extra):
    return CommitmentFactory(
        priority=priority,
        title_nb=title,
        title_nn=title_nn,
        due_date=due,
        state=state,
        status_changed_at=changed,
        **extra,
    )


def days(n):
    return TODAY + dt.timedelta(days=n)


def member(organisation, email, role=MembershipRole.EDITOR, **extra):
    user = UserFactory(email=email, **extra)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def sent():
    return [
        (m.to_email, m.language, m.role, m.state, m.conference.slug)
        for m in OutboxMessage.objects.select_related("conference").order_by("to_email", "pk")
    ]


def url():
    return settings.SITE_URL + reverse("my_commitments")


# --- which commitments ---------------------------------------------------------------------------


def test_reminders_due_picks_exactly_the_due_soon_and_overdue_ones(
    conference, priority, partner_org
):
    soon = commitment(priority, "Due in three days", days(3), responsible_organisation=partner_org)
    commitment(priority, "Due in a month", days(30), responsible_organisation=partner_org)
    overdue = commitment(priority, "Due yesterday", days(-1), responsible_organisation=partner_org)
    commitment(priority, "Done", days(-1), state=C.DONE, responsible_organisation=partner_org)
    commitment(priority, "Dropped", days(-1), state=C.DROPPED, responsible_organisation=partner_org)
    old = commitment(
        priority, "Carried over", days(-1), state=C.CARRIED, responsible_organisation=partner_org
    )
    later = ConferenceFactory(year=2032, slug="moteplass-2032")
    commitment(
        PriorityFactory(conference=later),
        "Carried on",
        dt.date(2032, 6, 1),
        responsible_organisation=partner_org,
        carried_from=old,
    )
    led = commitment(
        priority, "Network with a lead", days(3),
        responsible_network=NetworkFactory(lead=OrganisationFactory()),
    )  # fmt: skip
    commitment(priority, "Network without a lead", days(3), responsible_network=NetworkFactory())
    in_progress = commitment(
        priority, "In progress", days(-10), state=C.IN_PROGRESS,
        responsible_organisation=OrganisationFactory(),
    )  # fmt: skip

    due = reminders_due(NOW)

    assert due == {
        soon.pk: {DUE_SOON},
        overdue.pk: {OVERDUE},
        led.pk: {DUE_SOON},
        in_progress.pk: {OVERDUE},
    }


def test_reminders_due_window_is_today_up_to_the_due_soon_days(priority, partner_org):
    today = commitment(priority, "Today", days(0), responsible_organisation=partner_org)
    last = commitment(priority, "Last day", days(14), responsible_organisation=partner_org)
    commitment(priority, "One day too far", days(15), responsible_organisation=partner_org)

    assert reminders_due(NOW) == {today.pk: {DUE_SOON}, last.pk: {DUE_SOON}}


def test_reminders_due_nothing_before_the_conference_has_begun(partner_org):
    upcoming = ConferenceFactory(
        year=2031, slug="sommermote-2031", start_date=days(8), end_date=days(9)
    )
    commitment(
        PriorityFactory(conference=upcoming),
        "Early",
        days(10),
        responsible_organisation=partner_org,
    )

    assert reminders_due(NOW) == {}


def test_reminders_due_is_one_query(priority, partner_org, django_assert_num_queries):
    for n in range(3):
        commitment(priority, f"Item {n}", days(n), responsible_organisation=partner_org)

    with django_assert_num_queries(1):
        due = reminders_due(NOW)

    assert len(due) == 3


# --- the messages --------------------------------------------------------------------------------


def test_send_reminders_one_message_per_person_listing_all_their_commitments(
    conference, priority, partner_org, coordinator, editor
):
    commitment(
        priority, "Kartlegge lærlingbehovet", days(3), state=C.IN_PROGRESS,
        responsible_organisation=partner_org,
    )  # fmt: skip
    commitment(priority, "Rapportere lærlingtall", days(-1), responsible_organisation=partner_org)
    commitment(priority, "Senere", days(60), responsible_organisation=partner_org)

    count = send_reminders(now=NOW)

    assert count == 1
    [message] = OutboxMessage.objects.all()
    assert (message.to_email, message.user, message.language, message.role, message.state) == (
        "koordinator@example.no",
        coordinator,
        "nb",
        MailRole.COMMITMENT_REMINDER,
        MessageState.QUEUED,
    )
    assert (message.conference, message.about_id) == (conference, partner_org.pk)
    assert message.subject == (
        "Oppfølging etter Møteplass Telemark 2031: status for oppfølgingspunktene til "
        "NHO Vestfold og Telemark"
    )
    assert message.body == (
        "Hei Kari,\n\n"
        "NHO Vestfold og Telemark har ansvaret for eller koordinerer disse oppfølgingspunktene "
        "fra Møteplass Telemark 2031:\n\n"
        "– Rapportere lærlingtall: Planlagt, forsinket, fristen var 1. juni 2031\n"
        "– Kartlegge lærlingbehovet: I gang, frist 5. juni 2031\n\n"
        "Oppdater statusen og skriv en kort merknad om hvordan arbeidet går. Da ser alle "
        f"samarbeidspartnerne hvor dere står:\n{url()}\n\n"
        "Vennlig hilsen\nTelemark fylkeskommune"
    )


def test_send_reminders_in_nynorsk_to_a_nynorsk_speaker(priority, partner_org, coordinator):
    coordinator.language = "nn"
    coordinator.save()
    commitment(
        priority, "Kartlegge lærlingbehovet", days(3),
        title_nn="Kartleggje lærlingbehovet", responsible_organisation=partner_org,
    )  # fmt: skip
    commitment(
        priority, "Rapportere lærlingtal", days(-1), title_nn="Rapportere lærlingtal",
        state=C.IN_PROGRESS, responsible_organisation=partner_org,
    )  # fmt: skip

    send_reminders(now=NOW)

    [message] = OutboxMessage.objects.all()
    assert message.language == "nn"
    assert message.subject == (
        "Oppfølging etter Møteplass Telemark 2031: status for oppfølgingspunkta til "
        "NHO Vestfold og Telemark"
    )
    assert message.body == (
        "Hei Kari,\n\n"
        "NHO Vestfold og Telemark har ansvaret for eller koordinerer desse oppfølgingspunkta frå "
        "Møteplass Telemark 2031:\n\n"
        "– Rapportere lærlingtal: I gang, forseinka, fristen var 1. juni 2031\n"
        "– Kartleggje lærlingbehovet: Planlagt, frist 5. juni 2031\n\n"
        "Oppdater statusen og skriv ein kort merknad om korleis arbeidet går. Då ser alle "
        f"samarbeidspartnarane kvar de står:\n{url()}\n\n"
        "Venleg helsing\nTelemark fylkeskommune"
    )


def test_send_reminders_in_english_to_an_english_speaker(priority):
    organisation = OrganisationFactory(name="Vinje kommune", written_standard="nn")
    member(organisation, "post@vinje.example.no", MembershipRole.COORDINATOR, language="en")
    commitment(priority, "Tiltak", days(3), responsible_organisation=organisation)

    send_reminders(now=NOW)

    [message] = OutboxMessage.objects.all()
    assert message.language == "en"
    assert message.subject == (
        "Follow-up after Møteplass Telemark 2031: status of the commitments of Vinje kommune"
    )
    assert "– Tiltak: Planned, due June 5, 2031\n" in message.body


def test_send_reminders_for_a_network_go_to_its_coordinating_organisation(priority):
    lead = OrganisationFactory(name="Vinje kommune")
    boss = member(lead, "leder@vinje.example.no", MembershipRole.COORDINATOR)
    member(lead, "redaktor@vinje.example.no")
    other = OrganisationFactory(name="Tokke kommune")
    member(other, "leder@tokke.example.no", MembershipRole.COORDINATOR)
    network = NetworkFactory(name="Klimanettverket", lead=lead)
    network.organisations.set([lead, other])
    commitment(priority, "Klimabudsjett", days(3), responsible_network=network)
    commitment(priority, "Uten leder", days(3), responsible_network=NetworkFactory())

    count = send_reminders(now=NOW)

    assert count == 1
    [message] = OutboxMessage.objects.all()
    assert (message.to_email, message.user) == ("leder@vinje.example.no", boss)
    assert "Vinje kommune har ansvaret for eller koordinerer" in message.body
    assert "– Klimabudsjett (Klimanettverket): Planlagt, frist 5. juni 2031\n" in message.body
    assert "Uten leder" not in message.body


def test_send_reminders_to_every_active_member_when_no_active_coordinator(priority):
    organisation = OrganisationFactory(name="Frivilligsentralen")
    member(organisation, "b@frivillig.example.no")
    member(organisation, "a@frivillig.example.no")
    member(organisation, "sovende@frivillig.example.no", is_active=False)
    member(
        organisation, "sluttet@frivillig.example.no", MembershipRole.COORDINATOR, is_active=False
    )
    commitment(priority, "Tiltak", days(3), responsible_organisation=organisation)

    count = send_reminders(now=NOW)

    assert count == 2
    assert [to for to, *_rest in sent()] == ["a@frivillig.example.no", "b@frivillig.example.no"]


def test_send_reminders_one_message_per_organisation_and_conference(
    conference, priority, partner_org, rival_org, coordinator
):
    member(rival_org, "koordinator@skien.example.no", MembershipRole.COORDINATOR)
    MembershipFactory(user=coordinator, organisation=rival_org, role=MembershipRole.COORDINATOR)
    earlier = ConferenceFactory(year=2030, slug="moteplass-2030")
    commitment(priority, "NHO 1", days(3), responsible_organisation=partner_org)
    commitment(priority, "NHO 2", days(4), responsible_organisation=partner_org)
    commitment(priority, "Skien", days(-2), responsible_organisation=rival_org)
    commitment(
        PriorityFactory(conference=earlier), "NHO i fjor", days(-3),
        responsible_organisation=partner_org,
    )  # fmt: skip

    count = send_reminders(now=NOW)

    assert count == 4
    assert sent() == [
        ("koordinator@example.no", "nb", "commitment_reminder", "queued", "moteplass-2030"),
        ("koordinator@example.no", "nb", "commitment_reminder", "queued", "moteplass-2031"),
        ("koordinator@example.no", "nb", "commitment_reminder", "queued", "moteplass-2031"),
        ("koordinator@skien.example.no", "nb", "commitment_reminder", "queued", "moteplass-2031"),
    ]
    bodies = sorted(
        m.body.split("\n\n")[2]
        for m in OutboxMessage.objects.filter(to_email="koordinator@example.no")
    )
    assert bodies == [
        "– NHO 1: Planlagt, frist 5. juni 2031\n– NHO 2: Planlagt, frist 6. juni 2031",
        "– NHO i fjor: Planlagt, forsinket, fristen var 30. mai 2031",
        "– Skien: Planlagt, forsinket, fristen var 31. mai 2031",
    ]


def test_send_reminders_log_each_commitment_reminded(priority, partner_org, coordinator, editor):
    item = commitment(priority, "Tiltak", days(-1), responsible_organisation=partner_org)

    send_reminders(now=NOW)

    [entry] = history_for(item)
    assert (entry.action, entry.user, entry.data) == (
        "conferences.commitment.reminded",
        None,
        {"kinds": ["overdue"], "organisation": "NHO Vestfold og Telemark", "recipients": 1},
    )


# --- each once -----------------------------------------------------------------------------------


def test_send_reminders_again_at_the_same_time_or_the_next_day_sends_nothing(
    priority, partner_org, coordinator
):
    soon = commitment(priority, "Snart", days(3), responsible_organisation=partner_org)
    late = commitment(priority, "Sent", days(-1), responsible_organisation=partner_org)

    first = send_reminders(now=NOW)
    again = send_reminders(now=NOW)
    next_day = send_reminders(now=NOW + dt.timedelta(days=1))

    assert (first, again, next_day) == (1, 0, 0)
    assert OutboxMessage.objects.count() == 1
    soon.refresh_from_db()
    late.refresh_from_db()
    assert (soon.due_soon_reminded_for, soon.overdue_reminded_for) == (days(3), None)
    assert (late.due_soon_reminded_for, late.overdue_reminded_for) == (None, days(-1))


def test_send_reminders_due_soon_then_overdue_once_each(priority, partner_org, coordinator):
    commitment(priority, "Snart", days(3), responsible_organisation=partner_org)

    runs = [send_reminders(now=NOW + dt.timedelta(days=n)) for n in range(8)]

    assert runs == [1, 0, 0, 0, 1, 0, 0, 0]
    assert [m.body.split("\n\n")[2] for m in OutboxMessage.objects.order_by("pk")] == [
        "– Snart: Planlagt, frist 5. juni 2031",
        "– Snart: Planlagt, forsinket, fristen var 5. juni 2031",
    ]


def test_send_reminders_after_the_due_date_changes_reminds_again(
    priority, partner_org, coordinator, adviser
):
    item = commitment(priority, "Snart", days(3), responsible_organisation=partner_org)
    send_reminders(now=NOW)

    save_commitment(item, by=adviser, values={"due_date": days(10)})
    runs = [send_reminders(now=NOW), send_reminders(now=NOW)]

    assert runs == [1, 0]
    assert OutboxMessage.objects.order_by("-pk").first().body.split("\n\n")[2] == (
        "– Snart: Planlagt, frist 12. juni 2031"
    )


def test_send_reminders_to_nobody_waits_until_someone_joins(priority):
    organisation = OrganisationFactory(name="Ny forening")
    item = commitment(priority, "Tiltak", days(3), responsible_organisation=organisation)

    nobody = send_reminders(now=NOW)
    member(organisation, "leder@forening.example.no", MembershipRole.COORDINATOR)
    somebody = send_reminders(now=NOW)

    assert (nobody, somebody) == (0, 1)
    item.refresh_from_db()
    assert item.due_soon_reminded_for == days(3)


def test_send_reminders_with_nothing_due_queues_nothing(priority, partner_org, coordinator):
    commitment(priority, "Senere", days(60), responsible_organisation=partner_org)

    assert send_reminders(now=NOW) == 0
    assert OutboxMessage.objects.count() == 0


# --- status update requests ----------------------------------------------------------------------

RECORDED = dt.datetime(2031, 4, 23, 14, 0, tzinfo=OSLO)  # on the last day of the conference


def test_update_request_none_while_the_conference_lasts(conference, priority, partner_org):
    conference.followup_interval_days = 7
    conference.save()
    item = commitment(
        priority, "Langsiktig", dt.date(2031, 12, 1),
        changed=RECORDED - dt.timedelta(days=30), responsible_organisation=partner_org,
    )  # fmt: skip

    last_evening = reminders_due(dt.datetime(2031, 4, 23, 23, 0, tzinfo=OSLO))
    next_morning = reminders_due(dt.datetime(2031, 4, 24, 7, 0, tzinfo=OSLO))

    assert last_evening == {}
    assert next_morning == {item.pk: {UPDATE}}


def test_update_request_at_each_interval_since_the_last_change_or_request(
    conference, priority, partner_org, coordinator
):
    item = commitment(
        priority, "Langsiktig", dt.date(2031, 12, 1), changed=RECORDED,
        responsible_organisation=partner_org,
    )  # fmt: skip
    after = [90, 91, 91, 92, 181, 182, 183]

    runs = [send_reminders(now=RECORDED + dt.timedelta(days=n)) for n in after]

    assert runs == [0, 1, 0, 0, 0, 1, 0]
    item.refresh_from_db()
    assert item.update_requested_at == RECORDED + dt.timedelta(days=182)
    [first, *_rest] = OutboxMessage.objects.order_by("pk")
    assert first.body.split("\n\n")[2] == (
        "– Langsiktig: Planlagt, frist 1. desember 2031 – fortell gjerne hvordan det går"
    )


def test_update_request_follows_the_conferences_interval(
    conference, priority, partner_org, coordinator
):
    conference.followup_interval_days = 30
    conference.save()
    commitment(
        priority, "Langsiktig", dt.date(2031, 12, 1), changed=RECORDED,
        responsible_organisation=partner_org,
    )  # fmt: skip

    runs = [send_reminders(now=RECORDED + dt.timedelta(days=n)) for n in (29, 30, 59, 60)]

    assert runs == [0, 1, 0, 1]


def test_update_request_clock_restarts_with_a_status_change(
    priority, partner_org, coordinator, monkeypatch
):
    item = commitment(
        priority, "Langsiktig", dt.date(2031, 12, 1), changed=RECORDED,
        responsible_organisation=partner_org,
    )  # fmt: skip
    changed_at = RECORDED + dt.timedelta(days=60)
    monkeypatch.setattr(timezone, "now", lambda: changed_at)
    set_commitment_state(item, C.IN_PROGRESS, by=coordinator, note="Vi har begynt.")
    monkeypatch.undo()

    runs = [send_reminders(now=RECORDED + dt.timedelta(days=n)) for n in (91, 150, 151)]

    assert runs == [0, 0, 1]
    assert OutboxMessage.objects.get().body.split("\n\n")[2] == (
        "– Langsiktig: I gang, frist 1. desember 2031 – fortell gjerne hvordan det går"
    )


def test_update_request_for_an_overdue_commitment_says_it_is_overdue(
    priority, partner_org, coordinator
):
    commitment(
        priority, "Forsinket", dt.date(2031, 5, 1), changed=RECORDED,
        responsible_organisation=partner_org, overdue_reminded_for=dt.date(2031, 5, 1),
    )  # fmt: skip

    runs = [send_reminders(now=RECORDED + dt.timedelta(days=n)) for n in (90, 91)]

    assert runs == [0, 1]
    assert OutboxMessage.objects.get().body.split("\n\n")[2] == (
        "– Forsinket: Planlagt, forsinket, fristen var 1. mai 2031 – fortell gjerne hvordan det går"
    )


def test_update_request_not_for_closed_commitments(priority, partner_org, coordinator):
    for state in (C.DONE, C.DROPPED):
        commitment(
            priority, state, dt.date(2031, 12, 1), state=state, changed=RECORDED,
            responsible_organisation=partner_org,
        )  # fmt: skip

    assert send_reminders(now=RECORDED + dt.timedelta(days=200)) == 0


# --- the beat job --------------------------------------------------------------------------------


def test_beat_schedule_runs_the_reminder_task():
    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "conferences.send_commitment_reminders"
    ]

    assert len(entries) == 1
    assert app.tasks["conferences.send_commitment_reminders"].name == (
        "conferences.send_commitment_reminders"
    )


def test_reminder_task_calls_send_reminders(monkeypatch):
    calls = []
    monkeypatch.setattr(reminders, "send_reminders", lambda: calls.append("run") or 3)

    result = tasks.send_commitment_reminders()

    assert (result, calls) == (3, ["run"])


def test_reminder_task_end_to_end_sends_once(partner_org, coordinator):
    past = ConferenceFactory(year=2020, slug="moteplass-2020")
    commitment(
        PriorityFactory(conference=past), "I dag", timezone.localdate(), changed=timezone.now(),
        responsible_organisation=partner_org,
    )  # fmt: skip

    assert [tasks.send_commitment_reminders(), tasks.send_commitment_reminders()] == [1, 0]


# --- two runs at once (PostgreSQL) ---------------------------------------------------------------

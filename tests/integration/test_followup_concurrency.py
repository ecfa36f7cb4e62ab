"""The follow-up under real parallel transactions (PostgreSQL; house style rule 22): two people
changing a commitment's status from the same state, and several reminder runs at once."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import translation

from conferences.domain.followup import FollowUpError, set_commitment_state
from conferences.domain.reminders import send_reminders
from conferences.enums import CommitmentState
from conferences.models import Commitment, OutboxMessage
from partners.enums import MembershipRole
from partners.models import User
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    MembershipFactory,
    OrganisationFactory,
    PriorityFactory,
    UserFactory,
)
from tests.integration.conftest import INTEGRATION
from tests.support.parallel import run_together
from tests.support.reference import restore_reference_data

pytestmark = INTEGRATION
C = CommitmentState
OSLO = ZoneInfo("Europe/Oslo")
# six weeks after Møteplass Telemark 2031 (22–23 April)
NOW = dt.datetime(2031, 6, 2, 9, 0, tzinfo=OSLO)


def parallel_commitment():
    restore_reference_data()
    conference = ConferenceFactory(slug="parallell-2031", year=2031)
    organisation = OrganisationFactory(name="NHO Vestfold og Telemark")
    people = [
        MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user
        for _n in range(6)
    ]
    priority = PriorityFactory(conference=conference)
    commitment = CommitmentFactory(priority=priority, responsible_organisation=organisation)
    return commitment, [person.pk for person in people]


def change_as(pk: int, user_pk: int, state: str, seen):
    def job():
        with translation.override("nb"):
            user = User.objects.get(pk=user_pk)
            return set_commitment_state(
                Commitment(pk=pk), state, by=user, note=f"Endret av {user_pk}.", seen=seen
            ).state

    return job


def test_set_commitment_state_in_parallel_from_the_same_seen_state_exactly_one_wins():
    commitment, people = parallel_commitment()
    targets = [C.DONE, C.IN_PROGRESS, C.DROPPED, C.DONE, C.IN_PROGRESS, C.DROPPED]

    results, _background = run_together(
        [
            change_as(commitment.pk, person, target, C.PLANNED)
            for person, target in zip(people, targets, strict=True)
        ]
    )

    won = [result for result in results if not isinstance(result, Exception)]
    lost = [result for result in results if isinstance(result, Exception)]
    assert len(won) == 1
    assert [type(error) for error in lost] == [FollowUpError] * 5
    assert {str(error).split("«")[0] for error in lost} == {"Noen andre endret statusen til "}
    commitment.refresh_from_db()
    assert commitment.state == won[0]
    assert list(commitment.updates.values_list("from_state", "to_state")) == [(C.PLANNED, won[0])]


def test_set_commitment_state_in_parallel_without_seen_all_are_recorded():
    """The control: without ``seen`` every change goes through, one after the other."""
    commitment, people = parallel_commitment()

    results, _background = run_together(
        [change_as(commitment.pk, person, C.DONE, None) for person in people]
    )

    assert results == [C.DONE] * 6
    assert commitment.updates.count() == 6
    assert sorted(commitment.updates.values_list("from_state", flat=True)) == [C.DONE] * 5 + [
        C.PLANNED
    ]


def test_send_reminders_in_parallel_runs_send_each_reminder_once():
    restore_reference_data()
    conference = ConferenceFactory(slug="parallell-2031", year=2031)
    organisation = OrganisationFactory(name="NHO Vestfold og Telemark")
    for email in ("leder@nho.example.no", "nestleder@nho.example.no"):
        user = UserFactory(email=email)
        MembershipFactory(user=user, organisation=organisation, role=MembershipRole.COORDINATOR)
    priority = PriorityFactory(conference=conference)
    for n in range(3):
        CommitmentFactory(
            priority=priority,
            title_nb=f"Tiltak {n}",
            due_date=NOW.date() + dt.timedelta(days=n - 1),
            status_changed_at=NOW - dt.timedelta(days=1),
            responsible_organisation=organisation,
        )

    results, _background = run_together([lambda: send_reminders(now=NOW) for _run in range(4)])

    assert sorted(results) == [0, 0, 0, 2]
    assert sorted(OutboxMessage.objects.values_list("to_email", flat=True)) == [
        "leder@nho.example.no",
        "nestleder@nho.example.no",
    ]

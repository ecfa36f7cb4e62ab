"""Read-side queries of the advisers' dashboard of one conference (house style rule 3).

The view checks first that the user advises the conference; everything here is about that one
conference. :class:`Dashboard` computes each section on first use, so an export of one table
runs only that table's queries, and every section runs a fixed number of queries however many
registrations, sessions or commitments there are (rows are counted in Python from one
``values`` query each).

What each section counts:

* **Registrations over time** — per day (per ISO week when the span passes
  ``WEEKLY_AFTER_DAYS`` days), from the day of the first registration to today (or the
  conference's last day, if that came first): the registrations made that day, those that were
  cancelled or whose offered place expired that day, and the *live* registrations at the end of
  the day — made by then and not cancelled or expired by then (confirmed, checked in, offered a
  place or on the waiting list).
* **Sectors** and **municipalities** — the counted registrations of the registration summary
  (``conferences.queries.registration.COUNTED_STATES``: confirmed, checked in, offered a place,
  on the waiting list), by the sector and the municipality the person gave; every municipality
  is listed, those with nobody included.
* **Partner participation** — per partner organisation of the conference: proposals it owns that
  were sent to the advisers (submitted, changes requested, accepted or declined; drafts and
  withdrawn proposals are not counted), accepted items it owns or co-owns, the commitments it is
  responsible for under the conference's priorities (whatever their status) and how many of them
  are done, and its counted registrations.
* **Goal coverage** — ``conferences.queries.coverage.goal_coverage``.
* **Open commitments by network** — the open (planned or in progress) commitments each network
  is responsible for, and how many of them are overdue (due before today); the commitments of an
  organisation (not of a network) are listed per organisation in a table of their own.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from conferences.enums import CommitmentState, RegistrationState, SessionState
from conferences.models import Commitment, Conference, ConferencePartner, Registration, Session
from conferences.queries.coverage import goal_coverage
from conferences.queries.registration import (
    COUNTED_STATES,
    Row,
    municipality_rows,
    sector_rows,
)

R = RegistrationState
WEEKLY_AFTER_DAYS = 62  # a longer span is shown per ISO week
ENDED_STATES = [R.CANCELLED, R.EXPIRED]
# proposals that were sent to the advisers (not drafts, not withdrawn)
PROPOSAL_STATES = [
    SessionState.SUBMITTED,
    SessionState.CHANGES_REQUESTED,
    SessionState.ACCEPTED,
    SessionState.DECLINED,
]


# --- registrations over time ---------------------------------------------------------------------


@dataclass
class Period:
    """One day or one ISO week of the registrations' timeline."""

    start: dt.date
    weekly: bool
    new: int = 0
    ended: int = 0
    live: int = 0  # at the end of the period

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6) if self.weekly else self.start

    @property
    def week(self) -> int:
        return self.start.isocalendar().week

    @property
    def key(self) -> str:
        """``2031-03-04`` for a day, ``2031-W10`` for a week (ISO 8601)."""
        if not self.weekly:
            return self.start.isoformat()
        year, week, _day = self.start.isocalendar()
        return f"{year}-W{week:02d}"


@dataclass
class Timeline:
    periods: list[Period]
    weekly: bool

    @property
    def scale(self) -> int:
        """The largest number of live registrations, for the bars (at least 1)."""
        return max([1, *(period.live for period in self.periods)])


def registrations_over_time(facts: list[dict], *, until: dt.date) -> Timeline:
    """The timeline of ``facts`` (rows of :func:`registration_facts`) from the first
    registration's day to ``until`` (later if something happened after it)."""
    made = Counter(timezone.localdate(row["created_at"]) for row in facts)
    ended = Counter(
        timezone.localdate(row["state_changed_at"]) for row in facts if row["state"] in ENDED_STATES
    )
    if not made:
        return Timeline(periods=[], weekly=False)
    first = min(made)
    last = max([until, *made, *ended])
    weekly = (last - first).days + 1 > WEEKLY_AFTER_DAYS
    step = 7 if weekly else 1
    if weekly:
        first -= dt.timedelta(days=first.weekday())  # the Monday of the first week
    periods, live, start = [], 0, first
    while start <= last:
        days = [start + dt.timedelta(days=n) for n in range(step)]
        period = Period(
            start=start,
            weekly=weekly,
            new=sum(made[day] for day in days),
            ended=sum(ended[day] for day in days),
        )
        live += period.new - period.ended
        period.live = live
        periods.append(period)
        start += dt.timedelta(days=step)
    return Timeline(periods=periods, weekly=weekly)


def registration_facts(conference: Conference) -> list[dict]:
    """Every registration of the conference (cancelled and expired ones too) as a dict of what
    the dashboard counts: no names, no contact or health details. One query."""
    return list(
        Registration.objects.filter(conference=conference)
        .order_by()
        .values(
            "created_at",
            "state",
            "state_changed_at",
            "sector",
            "municipality_id",
            "organisation_id",
        )
    )


# --- partners and commitments --------------------------------------------------------------------


@dataclass
class PartnerRow:
    organisation: object
    proposals: int = 0
    accepted: int = 0
    commitments: int = 0
    done: int = 0
    registrations: int = 0


@dataclass
class ResponsibleRow:
    """The commitments one network or one organisation is responsible for."""

    name: str
    open: int = 0
    overdue: int = 0


def commitment_facts(conference: Conference) -> list[dict]:
    """The commitments under the conference's priorities, with who is responsible. One query."""
    return list(
        Commitment.objects.filter(priority__conference=conference)
        .order_by()
        .values(
            "pk",
            "state",
            "due_date",
            "responsible_organisation_id",
            "responsible_organisation__name",
            "responsible_network_id",
            "responsible_network__name",
        )
    )


def partner_participation(
    conference: Conference, *, registrations: list[dict], commitments: list[dict]
) -> list[PartnerRow]:
    """One row per partner organisation of the conference, by name (two queries)."""
    rows = {
        partner.organisation_id: PartnerRow(organisation=partner.organisation)
        for partner in ConferencePartner.objects.filter(conference=conference)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id")
    }
    proposals, accepted = defaultdict(set), defaultdict(set)
    for pk, state, owner_id, co_owner_id in (
        Session.objects.filter(conference=conference)
        .order_by()
        .values_list("pk", "state", "owner_id", "co_owners__id")
    ):
        if state in PROPOSAL_STATES:
            proposals[owner_id].add(pk)
        if state == SessionState.ACCEPTED:
            accepted[owner_id].add(pk)
            accepted[co_owner_id].add(pk)
    registered = Counter(
        row["organisation_id"] for row in registrations if row["state"] in COUNTED_STATES
    )
    for organisation_id, row in rows.items():
        row.proposals = len(proposals[organisation_id])
        row.accepted = len(accepted[organisation_id])
        row.registrations = registered[organisation_id]
    for commitment in commitments:
        row = rows.get(commitment["responsible_organisation_id"])
        if row is not None:
            row.commitments += 1
            row.done += commitment["state"] == CommitmentState.DONE
    return list(rows.values())


def open_commitments_by_responsible(
    commitments: list[dict], *, today: dt.date
) -> tuple[list[ResponsibleRow], list[ResponsibleRow]]:
    """The open and overdue commitments per responsible network, and per responsible
    organisation for those no network holds; every network or organisation that holds a
    commitment of the conference is listed (with 0 once everything is done), by name."""
    networks: dict[int, ResponsibleRow] = {}
    organisations: dict[int, ResponsibleRow] = {}
    for commitment in commitments:
        if commitment["responsible_network_id"]:
            row = networks.setdefault(
                commitment["responsible_network_id"],
                ResponsibleRow(name=commitment["responsible_network__name"]),
            )
        else:
            row = organisations.setdefault(
                commitment["responsible_organisation_id"],
                ResponsibleRow(name=commitment["responsible_organisation__name"]),
            )
        if commitment["state"] in CommitmentState.open():
            row.open += 1
            row.overdue += commitment["due_date"] < today
    return _by_name(networks), _by_name(organisations)


def _by_name(rows: dict) -> list[ResponsibleRow]:
    return sorted(rows.values(), key=lambda row: (row.name.casefold(), row.name))


def _scale(numbers) -> int:
    return max([1, *numbers])


# --- the dashboard -------------------------------------------------------------------------------


class Dashboard:
    """The sections of one conference's dashboard, each computed on first use."""

    def __init__(self, conference: Conference, *, today: dt.date | None = None):
        self.conference = conference
        self.today = today or timezone.localdate()

    @cached_property
    def registration_facts(self) -> list[dict]:
        return registration_facts(self.conference)

    @cached_property
    def commitment_facts(self) -> list[dict]:
        return commitment_facts(self.conference)

    @cached_property
    def counted(self) -> list[dict]:
        """The registrations the sector and municipality tables count."""
        return [row for row in self.registration_facts if row["state"] in COUNTED_STATES]

    @cached_property
    def timeline(self) -> Timeline:
        until = min(self.today, self.conference.end_date)
        return registrations_over_time(self.registration_facts, until=until)

    @cached_property
    def sectors(self) -> list[Row]:
        return sector_rows(Counter(row["sector"] for row in self.counted))

    @cached_property
    def sector_scale(self) -> int:
        return _scale(row.count for row in self.sectors)

    @cached_property
    def _municipality_counts(self) -> Counter:
        return Counter(row["municipality_id"] for row in self.counted)

    @cached_property
    def municipalities(self) -> list[Row]:
        return municipality_rows(self._municipality_counts)

    @property
    def no_municipality(self) -> int:
        return self._municipality_counts[None]

    @cached_property
    def municipality_scale(self) -> int:
        return _scale([self.no_municipality, *(row.count for row in self.municipalities)])

    @property
    def municipalities_without_anyone(self) -> list[Row]:
        return [row for row in self.municipalities if row.count == 0]

    @cached_property
    def partners(self) -> list[PartnerRow]:
        return partner_participation(
            self.conference,
            registrations=self.registration_facts,
            commitments=self.commitment_facts,
        )

    @cached_property
    def coverage(self) -> list:
        return goal_coverage(self.conference)

    @cached_property
    def coverage_scale(self) -> int:
        return _scale(goal.minutes for area in self.coverage for goal in area.goals)

    @cached_property
    def _responsible(self) -> tuple[list[ResponsibleRow], list[ResponsibleRow]]:
        return open_commitments_by_responsible(self.commitment_facts, today=self.today)

    @property
    def networks(self) -> list[ResponsibleRow]:
        return self._responsible[0]

    @property
    def organisations(self) -> list[ResponsibleRow]:
        return self._responsible[1]

    @cached_property
    def open_total(self) -> ResponsibleRow:
        """All open and overdue commitments of the conference."""
        rows = [*self.networks, *self.organisations]
        return ResponsibleRow(
            name="", open=sum(row.open for row in rows), overdue=sum(row.overdue for row in rows)
        )

    @cached_property
    def commitment_scale(self) -> int:
        return _scale(row.open for row in [*self.networks, *self.organisations])

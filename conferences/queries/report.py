"""The follow-up report of a conference (read side): what the conference decided and how it is
followed up, per satsingsområde and hovedmål, with a one-page summary — for the web page, the
PDF (conferences.report_pdf) and the JSON export for the county's archive.

Everything is read in a constant number of queries, whatever the number of priorities and
commitments: the plan's goals, the priorities, and one prefetch each for their goals, sessions,
commitments, contributors and status history.

What it holds is public once the report is published: titles and descriptions, organisations and
networks, dates, statuses and their notes. It holds no person: not who recorded a priority or
changed a status (only the organisation on whose behalf a status was changed), and no email
address.

The JSON export for the archive is in conferences.queries.report_json.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from conferences.enums import CommitmentState, SessionFormat, SessionState
from conferences.models import (
    Commitment,
    Conference,
    Priority,
    ReportFile,
    Session,
    StatusUpdate,
)
from moteplass.i18n import FALLBACKS
from telemarksplanen.models import FocusArea, Goal

S = CommitmentState
# the languages the report's PDF is made in when it is published (English on request)
PDF_LANGUAGES = ["nb", "nn"]


# --- loading -------------------------------------------------------------------------------------


def report_conference(slug: str):
    """The conference of a report, with its plan (for the views; None if there is none)."""
    return (
        Conference.objects.select_related("plan", "report_published_by").filter(slug=slug).first()
    )


def _priorities(conference: Conference) -> list[Priority]:
    commitments = Commitment.objects.select_related(
        "responsible_organisation", "responsible_network"
    ).prefetch_related(
        Prefetch("contributors", queryset=_organisations()),
        Prefetch("updates", queryset=StatusUpdate.objects.order_by("at", "pk")),
    )
    return list(
        Priority.objects.filter(conference=conference)
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.select_related("focus_area")),
            # only items of the programme: a proposal declined later is not made public here
            Prefetch(
                "sessions",
                queryset=Session.objects.filter(state=SessionState.ACCEPTED).exclude(
                    format__in=sorted(SessionFormat.without_content())
                ),
            ),
            Prefetch("commitments", queryset=commitments.order_by("due_date", "pk")),
        )
    )


def _organisations():
    from partners.models import Organisation

    return Organisation.objects.order_by("name", "pk")


def _goals(conference: Conference, priorities: list[Priority]) -> list[Goal]:
    """The goals of the conference's plan, and any other goal a priority names (a plan changed
    after the fact), in the plan's order (one query)."""
    named = {goal.pk for priority in priorities for goal in priority.goals.all()}
    rows = Goal.objects.filter(Q(focus_area__plan_id=conference.plan_id) | Q(pk__in=named))
    return sorted(rows.select_related("focus_area"), key=goal_order)


def goal_order(goal: Goal):
    area = goal.focus_area
    return (area.plan_id, area.order, area.code, goal.order, goal.code)


# --- the report as people read it ----------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Content typed in nb, nn and en, in the report's language or the first fallback that has
    it; ``lang`` is the language it is actually in (for the ``lang`` attribute)."""

    value: str
    lang: str

    def __str__(self):
        return self.value

    def __bool__(self):
        return bool(self.value)


def text(obj, name: str, language: str) -> Text:
    for code in FALLBACKS.get(language, FALLBACKS["nb"]):
        value = (getattr(obj, f"{name}_{code}", "") or "").strip()
        if value:
            return Text(value, code)
    return Text("", language)


@dataclass
class Party:
    """A responsible organisation or network and its commitments in the report."""

    kind: str  # "organisation" or "network"
    name: str
    orgnr: str | None
    by_state: Counter = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_state.values())

    @property
    def open(self) -> int:
        return sum(self.by_state[state] for state in S.open())

    @property
    def done(self) -> int:
        return self.by_state[S.DONE]

    @property
    def dropped(self) -> int:
        return self.by_state[S.DROPPED]


@dataclass
class ReportCommitment:
    id: int
    title: Text
    description: Text
    state: str
    state_label: str
    responsible: Party
    contributors: list[str]
    due_date: dt.date
    overdue: bool
    note: str
    note_at: dt.datetime | None


@dataclass
class ReportPriority:
    id: int
    title: Text
    description: Text
    goals: list[Goal]
    sessions: list[Text]
    commitments: list[ReportCommitment]


@dataclass
class GoalSection:
    goal: Goal
    title: Text
    priorities: list[ReportPriority]


@dataclass
class AreaSection:
    area: FocusArea
    title: Text
    goals: list[GoalSection]

    @property
    def priority_count(self) -> int:
        return len({p.id for section in self.goals for p in section.priorities})


@dataclass
class StateCount:
    state: str
    label: str
    count: int


@dataclass
class Summary:
    priorities: int
    commitments: int
    by_state: list[StateCount]
    overdue: int
    networks: list[Party]
    organisations: list[Party]


@dataclass
class Report:
    conference: Conference
    language: str
    generated_at: dt.datetime
    published_at: dt.datetime | None
    priorities: list[ReportPriority]
    areas: list[AreaSection]
    summary: Summary


def is_overdue(commitment: Commitment, today: dt.date) -> bool:
    return commitment.state in S.open() and commitment.due_date < today


def _party(commitment: Commitment) -> tuple[tuple, Party]:
    organisation = commitment.responsible_organisation
    if organisation is not None:
        return ("organisation", organisation.pk), Party(
            "organisation", organisation.name, organisation.orgnr or None
        )
    network = commitment.responsible_network
    return ("network", network.pk), Party("network", network.name, None)


def _latest(commitment: Commitment) -> tuple[str, dt.datetime | None]:
    updates = list(commitment.updates.all())
    if commitment.status_note or not updates:
        return commitment.status_note, commitment.status_changed_at
    return updates[-1].note, updates[-1].at


@dataclass
class Tally:
    """The loaded priorities and goals, and who holds which commitment, counted once for the
    page, the PDF and the JSON."""

    priorities: list[Priority]
    goals: list[Goal]
    party_of: dict[int, Party]  # commitment id → its responsible party
    late: set[int]  # ids of overdue commitments
    states: Counter
    parties: list[Party]  # by name

    @property
    def overdue(self) -> int:
        return len(self.late)


def tally_of(conference: Conference, today: dt.date) -> Tally:
    priorities = _priorities(conference)
    parties: dict[tuple, Party] = {}
    party_of: dict[int, Party] = {}
    late: set[int] = set()
    states: Counter = Counter()
    for priority in priorities:
        for commitment in priority.commitments.all():
            key, party = _party(commitment)
            party = party_of[commitment.pk] = parties.setdefault(key, party)
            party.by_state[commitment.state] += 1
            states[commitment.state] += 1
            if is_overdue(commitment, today):
                late.add(commitment.pk)
                party.overdue += 1
    return Tally(
        priorities=priorities,
        goals=_goals(conference, priorities),
        party_of=party_of,
        late=late,
        states=states,
        parties=sorted(parties.values(), key=lambda p: (p.name, p.kind)),
    )


def report_for(conference: Conference, language: str | None = None, *, now=None) -> Report:
    """The report of ``conference`` in ``language`` (default: the active language): per focus
    area and main goal of the plan, the priorities that serve it (a priority with two goals
    under each), each with its commitments; and the summary. Content falls back to the other
    written standard where it is missing."""
    language = (language or translation.get_language() or "nb")[:2]
    now = now or timezone.now()
    tally = tally_of(conference, timezone.localdate(now))
    with translation.override(language):
        labels = {state: str(label) for state, label in S.choices}
    rows = [
        ReportPriority(
            id=priority.pk,
            title=text(priority, "title", language),
            description=text(priority, "description", language),
            goals=sorted(priority.goals.all(), key=goal_order),
            sessions=[
                Text(session.title, session.language or language)
                for session in sorted(priority.sessions.all(), key=session_order)
            ],
            commitments=[
                _commitment(commitment, tally, labels, language)
                for commitment in priority.commitments.all()
            ],
        )
        for priority in tally.priorities
    ]
    by_goal: dict[int, list[ReportPriority]] = {goal.pk: [] for goal in tally.goals}
    for row in rows:
        for goal in row.goals:
            by_goal[goal.pk].append(row)
    areas: dict[int, AreaSection] = {}
    for goal in tally.goals:
        area = areas.setdefault(
            goal.focus_area_id,
            AreaSection(goal.focus_area, text(goal.focus_area, "title", language), []),
        )
        area.goals.append(GoalSection(goal, text(goal, "title", language), by_goal[goal.pk]))
    summary = Summary(
        priorities=len(rows),
        commitments=sum(tally.states.values()),
        # "carried over" only once some are
        by_state=[
            StateCount(state, labels[state], tally.states[state])
            for state in S.values
            if state in S.chosen() or tally.states[state]
        ],
        overdue=tally.overdue,
        networks=[party for party in tally.parties if party.kind == "network"],
        organisations=[party for party in tally.parties if party.kind == "organisation"],
    )
    return Report(
        conference=conference,
        language=language,
        generated_at=now,
        published_at=conference.report_published_at,
        priorities=rows,
        areas=list(areas.values()),
        summary=summary,
    )


def _commitment(commitment: Commitment, tally: Tally, labels: dict, language: str):
    note, note_at = _latest(commitment)
    return ReportCommitment(
        id=commitment.pk,
        title=text(commitment, "title", language),
        description=text(commitment, "description", language),
        state=commitment.state,
        state_label=labels.get(commitment.state, commitment.state),
        responsible=tally.party_of[commitment.pk],
        contributors=[organisation.name for organisation in commitment.contributors.all()],
        due_date=commitment.due_date,
        overdue=commitment.pk in tally.late,
        note=note,
        note_at=note_at,
    )


def session_order(session):
    return (session.start is None, session.start or timezone.now(), session.title, session.pk)


def has_priorities(conference: Conference) -> bool:
    return Priority.objects.filter(conference=conference).exists()


# --- the files ---------------------------------------------------------------------------------


def report_files(conference: Conference) -> dict[str, ReportFile]:
    """{language: its file row} of the report (one query)."""
    return {row.language: row for row in ReportFile.objects.filter(conference=conference)}


def report_file(conference: Conference, language: str) -> ReportFile | None:
    return ReportFile.objects.filter(conference=conference, language=language).first()


LANGUAGE_NAMES = {
    # in running text: "the PDF in nynorsk" (Norwegian writes language names in lower case)
    "nb": pgettext_lazy("in running text", "bokmål"),
    "nn": pgettext_lazy("in running text", "nynorsk"),
    "en": pgettext_lazy("in running text", "English"),
}


def language_name(language: str) -> str:
    return str(LANGUAGE_NAMES[language])

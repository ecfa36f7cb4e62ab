"""The follow-up report as data for the county's archive (arkivlova): what the conference decided
and how it is followed up, read like the report (conferences.queries.report) in a constant number
of queries.

The JSON export (:func:`report_json`, ``format`` "moteplass-followup-report", ``version`` 1) —
stable: fields may be added, none is renamed or removed without a new version::

    {
      "format": "moteplass-followup-report", "version": 1,
      "generated_at": ISO 8601 (UTC), "published_at": ISO 8601 (UTC) or null,
      "conference": {"id", "slug", "title", "year", "start_date", "end_date", "venue"},
      "plan": {"id", "slug", "name", "start_year", "end_year"},
      "focus_areas": [{"code", "title_nb", "title_nn", "title_en", "colour",
                       "goals": [{"code", "title_nb", "title_nn", "title_en",
                                  "priorities": [priority id, …]}]}],
      "priorities": [{"id", "title_nb", "title_nn", "title_en",
                      "description_nb", "description_nn", "description_en",
                      "goals": [goal code, …], "carried_from": priority id or null,
                      "sessions": [{"id", "title", "language"}],
                      "commitments": [{"id", "title_nb", "title_nn", "title_en",
                                       "description_nb", "description_nn", "description_en",
                                       "responsible": {"type": "organisation" | "network",
                                                       "name", "orgnr" (null for a network)},
                                       "contributors": [{"name", "orgnr"}],
                                       "due_date": ISO date, "state", "overdue": bool,
                                       "status_note", "status_changed_at": ISO 8601,
                                       "carried_from": commitment id or null,
                                       "history": [{"at", "from" ("" at first), "to", "note",
                                                    "organisation" (on whose behalf, or "")}]}]}],
      "summary": {"priorities", "commitments", "by_state": {state: count}, "overdue",
                  "networks": [{"name", "commitments", "by_state", "overdue"}],
                  "organisations": [{"name", "orgnr", "commitments", "by_state", "overdue"}]}
    }

States are the codes of CommitmentState (planned, in_progress, done, dropped); lists are in the
report's order (goals by focus area and plan order, priorities by their order, commitments by
due date, history oldest first).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from conferences.models import Commitment, Conference
from conferences.queries.report import (
    Party,
    S,
    Tally,
    goal_order,
    session_order,
    tally_of,
)

REPORT_FORMAT = "moteplass-followup-report"
REPORT_VERSION = 1


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat() if moment else None


def _languages(obj, name: str) -> dict:
    return {
        f"{name}_{code}": getattr(obj, f"{name}_{code}", "") or "" for code in ("nb", "nn", "en")
    }


def report_json(conference: Conference, *, now=None) -> dict:
    """The report as data for the county's archive (format in the module docstring)."""
    now = now or timezone.now()
    tally = tally_of(conference, timezone.localdate(now))
    plan = conference.plan
    by_goal: dict[int, list[int]] = {goal.pk: [] for goal in tally.goals}
    priorities = []
    for priority in tally.priorities:
        goals = sorted(priority.goals.all(), key=goal_order)
        for goal in goals:
            by_goal[goal.pk].append(priority.pk)
        priorities.append(
            {
                "id": priority.pk,
                **_languages(priority, "title"),
                **_languages(priority, "description"),
                "goals": [goal.code for goal in goals],
                "carried_from": priority.carried_from_id,
                "sessions": [
                    {"id": session.pk, "title": session.title, "language": session.language}
                    for session in sorted(priority.sessions.all(), key=session_order)
                ],
                "commitments": [
                    _commitment_json(commitment, tally) for commitment in priority.commitments.all()
                ],
            }
        )
    areas: dict[int, dict] = {}
    for goal in tally.goals:
        area = goal.focus_area
        entry = areas.setdefault(
            area.pk,
            {"code": area.code, **_languages(area, "title"), "colour": area.colour, "goals": []},
        )
        entry["goals"].append(
            {"code": goal.code, **_languages(goal, "title"), "priorities": by_goal[goal.pk]}
        )
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "generated_at": _iso(now),
        "published_at": _iso(conference.report_published_at),
        "conference": {
            "id": conference.pk,
            "slug": conference.slug,
            "title": conference.title,
            "year": conference.year,
            "start_date": conference.start_date.isoformat(),
            "end_date": conference.end_date.isoformat(),
            "venue": conference.venue,
        },
        "plan": {
            "id": plan.pk,
            "slug": plan.slug,
            "name": plan.name,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
        },
        "focus_areas": list(areas.values()),
        "priorities": priorities,
        "summary": {
            "priorities": len(priorities),
            "commitments": sum(tally.states.values()),
            "by_state": {state: tally.states[state] for state in S.values},
            "overdue": tally.overdue,
            "networks": [_party_json(p) for p in tally.parties if p.kind == "network"],
            "organisations": [_party_json(p) for p in tally.parties if p.kind == "organisation"],
        },
    }


def _commitment_json(commitment: Commitment, tally: Tally) -> dict:
    party = tally.party_of[commitment.pk]
    return {
        "id": commitment.pk,
        **_languages(commitment, "title"),
        **_languages(commitment, "description"),
        "responsible": {"type": party.kind, "name": party.name, "orgnr": party.orgnr},
        "contributors": [
            {"name": organisation.name, "orgnr": organisation.orgnr or None}
            for organisation in commitment.contributors.all()
        ],
        "due_date": commitment.due_date.isoformat(),
        "state": commitment.state,
        "overdue": commitment.pk in tally.late,
        "status_note": commitment.status_note,
        "status_changed_at": _iso(commitment.status_changed_at),
        "carried_from": commitment.carried_from_id,
        "history": [
            {
                "at": _iso(update.at),
                "from": update.from_state,
                "to": update.to_state,
                "note": update.note,
                "organisation": update.organisation_name,
            }
            for update in commitment.updates.all()
        ],
    }


def _party_json(party: Party) -> dict:
    data = {"name": party.name}
    if party.kind == "organisation":
        data["orgnr"] = party.orgnr
    return {
        **data,
        "commitments": party.total,
        "by_state": {state: party.by_state[state] for state in S.values},
        "overdue": party.overdue,
    }

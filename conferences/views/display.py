"""How a proposal's recorded values and history are shown, the same for partners and advisers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import ngettext

from conferences.models import Session
from conferences.phrases import CHOICE_LABELS
from moteplass.audit import history_for


def shown(name: str, value, goals: dict[str, str] | None = None):
    """A content value for people: choices by their label, minutes in words, goal codes with
    their titles when ``goals`` (code → text) is given; speakers and co-owners as ``readable``
    made them."""
    if value is None:
        return ""
    if name == "goals" and goals:
        return [goals.get(code, code) for code in value]
    if name in CHOICE_LABELS and isinstance(value, str):
        return str(CHOICE_LABELS[name].get(value, value))
    if name == "duration" and isinstance(value, int):
        return ngettext("%(minutes)d minute", "%(minutes)d minutes", value) % {"minutes": value}
    return value


def goal_groups(goals) -> list[tuple]:
    """[(focus area, [goals])] in the plan's order."""
    groups: dict[int, tuple] = {}
    for goal in sorted(
        goals, key=lambda g: (g.focus_area.order, g.focus_area.code, g.order, g.code)
    ):
        groups.setdefault(goal.focus_area_id, (goal.focus_area, []))[1].append(goal)
    return list(groups.values())


@dataclass
class HistoryEntry:
    timestamp: object
    user: object
    action: str
    note: str
    change_request: int | None
    changes: list = field(default_factory=list)


def proposal_history(session: Session) -> list[HistoryEntry]:
    """The record of ``session``, newest first: each change and decision, who, when, the values
    before and after and the message to the partners."""
    return [
        HistoryEntry(
            timestamp=entry.timestamp,
            user=entry.user,
            action=entry.action,
            note=entry.data.get("note", ""),
            change_request=entry.data.get("change_request"),
            changes=[
                {
                    "label": row["label"],
                    "before": shown(row.get("field", ""), row.get("before")),
                    "after": shown(row.get("field", ""), row.get("after")),
                }
                for row in entry.changes
            ],
        )
        for entry in history_for(session)
    ]

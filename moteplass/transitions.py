"""The shared mechanism of the transition functions (house style rule 2): a row moves to a new
state in one conditional UPDATE, only from a state that allows it, so two processes (two helpers,
a worker and a sweeper) can never both make the same move."""

from django.db import models


def move(row: models.Model, transitions: dict, state: str, **fields) -> bool:
    """Move ``row`` to ``state`` from any state of ``transitions`` ({source: {targets}}) that
    allows it, writing ``fields`` in the same UPDATE; the instance gets the new values. False if
    the row had moved on meanwhile (or is gone)."""
    sources = [source for source, targets in transitions.items() if state in targets]
    moved = (
        type(row)
        ._default_manager.filter(pk=row.pk, state__in=sources)
        .update(state=state, **fields)
    )
    if not moved:
        return False
    row.state = state
    for name, value in fields.items():
        setattr(row, name, value)
    return True

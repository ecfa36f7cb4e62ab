"""Every filter of the advisers' lists has an index that starts with the conference and the
filtered column, read back from the database's own catalogue (SQLite and PostgreSQL)."""

import pytest
from django.db import connection

from conferences.models import Invitation, OutboxMessage, Registration, Session
from moteplass.models import ActivityLog

pytestmark = pytest.mark.django_db

# (model, column) for every filter of an adviser list, within one conference
FILTERS = [
    (Registration, "state"),  # registrations: state, organisation, sector, municipality
    (Registration, "organisation_id"),
    (Registration, "sector"),
    (Registration, "municipality_id"),
    (Session, "state"),  # review list: state, format, owning partner
    (Session, "format"),
    (Session, "owner_id"),
    (Invitation, "answer"),  # invitation list: answer
    (OutboxMessage, "state"),  # outbox: state, kind of message
    (OutboxMessage, "role"),
    (ActivityLog, "user_id"),  # activity log: person, kind of object, time
    (ActivityLog, "content_type_id"),
    (ActivityLog, "timestamp"),
]


def index_columns(model) -> list[list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [c["columns"] for c in constraints.values() if c["index"] or c["unique"]]


@pytest.mark.parametrize("model,column", FILTERS, ids=[f"{m.__name__}.{c}" for m, c in FILTERS])
def test_adviser_list_filter_has_an_index(model, column):
    assert any(columns[:2] == ["conference_id", column] for columns in index_columns(model)), (
        f"{model.__name__}: no index on (conference_id, {column})"
    )

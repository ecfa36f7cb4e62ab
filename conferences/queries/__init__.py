"""Read-side queries, scoped to what the user may see (house style rule 3), one module per area."""

from conferences.queries.core import (
    conference_with_plan,
    conferences_for_user,
    next_public_conference,
    organisations_not_partners,
    partners_for,
    rooms_for,
)

__all__ = [
    "conference_with_plan",
    "conferences_for_user",
    "next_public_conference",
    "organisations_not_partners",
    "partners_for",
    "rooms_for",
]

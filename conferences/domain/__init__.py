"""Write-side services of the conferences app (house style rule 2), one module per area."""

from conferences.domain.core import (
    CONFERENCE_FIELDS,
    ROOM_FIELDS,
    add_partners,
    create_conference,
    delete_room,
    remove_partner,
    save_room,
    update_conference,
)

__all__ = [
    "CONFERENCE_FIELDS",
    "ROOM_FIELDS",
    "add_partners",
    "create_conference",
    "delete_room",
    "remove_partner",
    "save_room",
    "update_conference",
]

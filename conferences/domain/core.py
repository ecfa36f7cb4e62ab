"""Write-side services for conferences and rooms (house style rule 2)."""

from django.db import transaction

from conferences.domain.mail import ensure_default_templates
from conferences.models import Conference, ConferencePartner, Room
from moteplass.audit import diff, log_action, snapshot

CONFERENCE_FIELDS = [
    "title",
    "year",
    "slug",
    "start_date",
    "end_date",
    "venue",
    "description_nb",
    "description_nn",
    "description_en",
    "plan_id",
    "status",
    "capacity",
    "registration_opens",
    "registration_closes",
    "registration_changes_until",
    "invitation_only",
    "places_per_organisation",
    "places_per_municipality",
    "offer_hours",
    "call_opens",
    "call_closes",
    "call_guidance_nb",
    "call_guidance_nn",
    "call_guidance_en",
    "changes_lock",
    "programme_shared",
]
ROOM_FIELDS = [
    "name",
    "capacity",
    "accessibility_nb",
    "accessibility_nn",
    "accessibility_en",
    "order",
]


def _goal_codes(conference) -> list[str]:
    return sorted(conference.goals_in_focus.values_list("code", flat=True))


@transaction.atomic
def create_conference(*, by, organiser, values: dict, goals_in_focus) -> Conference:
    conference = Conference(organiser=organiser, **values)
    conference.full_clean()
    conference.save()
    conference.goals_in_focus.set(goals_in_focus)
    ensure_default_templates(conference)
    log_action(conference, "conferences.conference.create", user=by)
    return conference


@transaction.atomic
def update_conference(conference: Conference, *, by, values: dict, goals_in_focus) -> list[dict]:
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    before = snapshot(conference, CONFERENCE_FIELDS)
    goals_before = _goal_codes(conference)
    capacity_before = conference.capacity
    for name, value in values.items():
        setattr(conference, name, value)
    conference.full_clean()
    conference.save()
    conference.goals_in_focus.set(goals_in_focus)
    changes = diff(conference, before, snapshot(conference, CONFERENCE_FIELDS))
    goals_after = _goal_codes(conference)
    if goals_after != goals_before:
        label = str(Conference._meta.get_field("goals_in_focus").verbose_name)
        changes.append(
            {
                "field": "goals_in_focus",
                "label": label,
                "before": goals_before,
                "after": goals_after,
            }
        )
    if changes:
        log_action(conference, "conferences.conference.update", user=by, changes=changes)
    if conference.capacity > capacity_before:
        from conferences.domain.registration import offer_free_places

        offer_free_places(conference, by=by)  # the row is locked above
    return changes


@transaction.atomic
def save_room(room: Room, *, by, values: dict) -> Room:
    creating = room.pk is None
    before = {} if creating else snapshot(Room.objects.get(pk=room.pk), ROOM_FIELDS)
    for name, value in values.items():
        setattr(room, name, value)
    room.full_clean()
    room.save()
    if creating:
        log_action(room, "conferences.room.create", user=by)
    else:
        changes = diff(room, before, snapshot(room, ROOM_FIELDS))
        if changes:
            log_action(room, "conferences.room.update", user=by, changes=changes)
    return room


@transaction.atomic
def delete_room(room: Room, *, by) -> None:
    from conferences.domain.schedule import unplace_room

    unplace_room(room, by=by)
    log_action(room.conference, "conferences.room.delete", user=by, data={"room": room.name})
    room.delete()


@transaction.atomic
def add_partners(conference: Conference, organisations, *, by) -> int:
    """Make organisations partners of the conference (already-partners are left as they are)."""
    existing = set(conference.partners.values_list("organisation_id", flat=True))
    new = [o for o in organisations if o.pk not in existing]
    ConferencePartner.objects.bulk_create(
        ConferencePartner(conference=conference, organisation=o) for o in new
    )
    if new:
        log_action(
            conference,
            "conferences.partner.add",
            user=by,
            data={"organisations": sorted(o.name for o in new)},
        )
    return len(new)


@transaction.atomic
def remove_partner(partner: ConferencePartner, *, by) -> None:
    log_action(
        partner.conference,
        "conferences.partner.remove",
        user=by,
        data={"organisation": partner.organisation.name},
    )
    partner.delete()

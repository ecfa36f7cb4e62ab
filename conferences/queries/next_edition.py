"""What the next edition of a conference would get from it (house style rule 3): the page that
creates the next edition shows these counts before anything is copied. The view has checked that
the user advises the conference."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from conferences.enums import CommitmentState
from conferences.models import Commitment, Conference, ConferencePartner, MailTemplate, Room


@dataclass
class CopyPreview:
    rooms: int
    templates: int
    partners: int
    priorities: int
    commitments: int


def open_commitments_to_carry(conference: Conference):
    """The conference's open commitments that have not been carried over yet."""
    return Commitment.objects.filter(
        priority__conference=conference,
        state__in=CommitmentState.open(),
        carried_to__isnull=True,
    )


def _count(model):
    """A correlated count of the conference's ``model`` rows (joins would multiply the rows)."""
    rows = (
        model.objects.filter(conference=OuterRef("pk"))
        .order_by()
        .values("conference")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def copy_preview(conference: Conference) -> CopyPreview:
    """How many rooms, mail templates, partners and open commitments (under how many
    priorities) the next edition gets. Two queries."""
    counts = (
        Conference.objects.filter(pk=conference.pk)
        .annotate(
            room_count=_count(Room),
            template_count=_count(MailTemplate),
            partner_count=_count(ConferencePartner),
        )
        .values_list("room_count", "template_count", "partner_count")
        .get()
    )
    carried = open_commitments_to_carry(conference).aggregate(
        commitments=Count("pk", distinct=True),
        priorities=Count("priority", distinct=True),
    )
    rooms, templates, partners = counts
    return CopyPreview(rooms=rooms, templates=templates, partners=partners, **carried)

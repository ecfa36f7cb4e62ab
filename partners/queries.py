"""Read-side queries for organisations and people."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from conferences.models import Commitment, Conference, ProgrammeVersion
from conferences.queries.programme import PUBLIC_STATUSES
from partners.enums import MembershipRole
from partners.models import MemberInvitation, Membership, Network, Organisation
from partners.roles import capabilities
from partners.validators import is_link_token
from telemarksplanen.models import Goal


def adviser_organisations(user):
    """The county organisations whose conferences the user organises, as an adviser."""
    return Organisation.objects.filter(pk__in=capabilities(user).adviser_org_ids).order_by("pk")


# An organisation's people. The views check first that the user may see the organisation's
# members (partners.view_organisation_members); everything here is limited to that organisation.


def organisation_by_slug(slug: str) -> Organisation | None:
    """The organisation of a people page; the view checks the permission on it next."""
    return Organisation.objects.filter(slug=slug).first()


def members_of(organisation: Organisation):
    """The organisation's memberships with their people, coordinators first, then by name."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user__email", "pk")
    )


def pending_invitations(organisation: Organisation):
    """Invitations to the organisation whose link still works, newest first."""
    return (
        MemberInvitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def is_member_email(organisation: Organisation, email: str) -> bool:
    """Whether a member of the organisation has ``email`` as their login address."""
    return Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists()


def coordinator_count(organisation: Organisation) -> int:
    return Membership.objects.filter(
        organisation=organisation, role=MembershipRole.COORDINATOR
    ).count()


def invitation_by_token(token: str) -> MemberInvitation | None:
    """The invitation behind a personal link (open or not), or None for an unknown token."""
    if not is_link_token(token):
        return None
    return (
        MemberInvitation.objects.filter(token=token)
        .select_related("organisation", "invited_by")
        .first()
    )


def memberships_of_user(user):
    """The user's own memberships with their organisations, for the profile page."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def organisations_managed_by(user):
    """The organisations whose people ``user`` may invite and manage: those they coordinate and
    those taking part in a conference they organise as an adviser."""
    caps = capabilities(user)
    if not caps.coordinator_org_ids and not caps.adviser_org_ids:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(
            Q(pk__in=caps.coordinator_org_ids)
            | Q(conference_partnerships__conference__organiser_id__in=caps.adviser_org_ids)
        )
        .distinct()
        .order_by("name", "pk")
    )


# Networks (fagnettverk): public pages. Only what the public may see: sessions that are in the
# latest published programme version of a public conference, and commitments of conferences
# whose follow-up report is published.


def _network_goals():
    return Goal.objects.select_related("focus_area").order_by(
        "-focus_area__plan__start_year", "focus_area__order", "focus_area__code", "order", "code"
    )


def networks_overview():
    """Every network by name, with its main goals (and their focus areas) and
    ``member_count``, the number of its member organisations."""
    return (
        Network.objects.annotate(member_count=Count("organisations", distinct=True))
        .prefetch_related(Prefetch("goals", queryset=_network_goals()))
        .order_by("name", "pk")
    )


@dataclass
class PublishedSession:
    """A session as the latest published programme version shows it."""

    id: int
    title: str
    language: str
    start: dt.datetime | None


@dataclass
class Edition:
    conference: Conference
    sessions: list[PublishedSession] = field(default_factory=list)


@dataclass
class NetworkPage:
    network: Network
    goals: list[Goal]
    members: list[Organisation]
    editions: list[Edition]
    commitments: list[Commitment]


def network_by_slug(slug: str) -> Network | None:
    return Network.objects.select_related("lead").filter(slug=slug).first()


def published_sessions_of(network: Network) -> list[Edition]:
    """The sessions ``network`` ran that the public programme shows: in the latest published
    version of a public conference, run by the network as that version has it (title, time),
    grouped by conference, newest first. One query, however many sessions and conferences."""
    latest = (
        ProgrammeVersion.objects.filter(conference_id=OuterRef("conference_id"))
        .order_by("-number")
        .values("number")[:1]
    )
    versions = (
        ProgrammeVersion.objects.filter(
            conference__status__in=PUBLIC_STATUSES, number=Subquery(latest)
        )
        .select_related("conference")
        .order_by("-conference__start_date", "conference__pk")
    )
    editions = []
    for version in versions:
        items = [
            item
            for item in version.snapshot.get("items", [])
            if item.get("network") == network.slug
        ]
        if not items:
            continue
        items.sort(key=lambda item: (item.get("start") or "", item.get("title", "")))
        editions.append(
            Edition(
                conference=version.conference,
                sessions=[
                    PublishedSession(
                        id=item["id"],
                        title=item.get("title", ""),
                        language=item.get("language", ""),
                        start=dt.datetime.fromisoformat(item["start"])
                        if item.get("start")
                        else None,
                    )
                    for item in items
                ],
            )
        )
    return editions


def published_commitments_of(network: Network):
    """The commitments ``network`` is responsible for, of conferences whose follow-up report is
    published, newest conference first, then by due date."""
    return (
        Commitment.objects.filter(
            responsible_network=network, priority__conference__report_published_at__isnull=False
        )
        .select_related("priority__conference")
        .order_by("-priority__conference__start_date", "due_date", "pk")
    )


def network_page(slug: str) -> NetworkPage | None:
    """Everything the public page of a network shows, with a fixed number of queries."""
    network = network_by_slug(slug)
    if network is None:
        return None
    return NetworkPage(
        network=network,
        goals=list(_network_goals().filter(networks=network)),
        members=list(network.organisations.order_by("name", "pk")),
        editions=published_sessions_of(network),
        commitments=list(published_commitments_of(network)),
    )


def network_choices(organisation_ids):
    """Every network for a choice list: those one of ``organisation_ids`` is a member of first,
    then by name. ``members_here`` holds those member organisations (to mark the choice)."""
    ids = sorted(set(organisation_ids or ()))
    member = Network.organisations.through.objects.filter(
        network_id=OuterRef("pk"), organisation_id__in=ids
    )
    return (
        Network.objects.annotate(is_member=Exists(member))
        .prefetch_related(
            Prefetch(
                "organisations",
                queryset=Organisation.objects.filter(pk__in=ids).order_by("name"),
                to_attr="members_here",
            )
        )
        .order_by("-is_member", "name", "pk")
    )

"""Read-side queries for organisations and people."""

from django.db.models import Q
from django.utils import timezone

from partners.enums import MembershipRole
from partners.models import MemberInvitation, Membership, Organisation
from partners.roles import capabilities


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

"""Write side of an organisation's people: invitations and memberships (house style rule 2).

- :func:`invite_member` creates (or re-sends) an invitation and queues its email in the outbox.
- :func:`accept_invitation` turns an open invitation into a membership.
- :func:`change_role` and :func:`remove_member` manage memberships.

Every function locks the organisation's row first, so two coordinators acting at the same time
cannot both pass the "last coordinator" rule, and logs what it did on the organisation.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from moteplass.audit import log_action
from partners import mail_texts
from partners.enums import Language, MembershipRole
from partners.models import (
    INVITATION_VALID_DAYS,
    MemberInvitation,
    Membership,
    Organisation,
    User,
    new_invitation_token,
)
from partners.roles import forget_capabilities

ACTION_LABELS = {
    "partners.invitation.create": _("Invited a person to the organisation"),
    "partners.invitation.resend": _("Sent the invitation to the organisation again"),
    "partners.invitation.accept": _("Accepted the invitation to the organisation"),
    "partners.member.role": _("Changed a member's role"),
    "partners.member.remove": _("Removed a member from the organisation"),
}


class MemberError(Exception):
    """A change to an organisation's people that the rules refuse; ``message`` is for people."""

    def __init__(self, message, *, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


ALREADY_MEMBER = _("This person is already a member of the organisation.")
LAST_COORDINATOR = _(
    "This is the organisation's only coordinator. Make another member coordinator first."
)
ADVISER_MEMBERSHIP = _(
    "This person is an adviser. Advisers' memberships are managed by the administrators."
)
INVITATION_CLOSED = _("This invitation is no longer valid.")
WRONG_EMAIL = _("This invitation was sent to another email address than yours.")


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _lock(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


# --- invitations -------------------------------------------------------------------------------


def join_url(invitation: MemberInvitation) -> str:
    return settings.SITE_URL + reverse("member_join", args=[invitation.token])


@transaction.atomic
def invite_member(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    by,
    first_name: str = "",
    last_name: str = "",
) -> tuple[MemberInvitation, bool]:
    """Invite ``email`` into ``organisation`` with ``role`` and queue the invitation email.

    An open invitation to the same address is sent again instead (with the new role and names,
    valid for another 30 days from now; an expired one gets a new link). Returns the invitation
    and whether it was a re-send. Raises MemberError when the person is already a member."""
    from conferences.domain.mail import recipient_language

    organisation = _lock(organisation)
    email = normalise_email(email)
    role = MembershipRole(role)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise MemberError(ALREADY_MEMBER, code="already_member")
    user = User.objects.filter(email__iexact=email).first()
    language = recipient_language(
        person_language=user.language if user else "", organisation=organisation
    )
    now = timezone.now()
    names = {"first_name": _one_line(first_name), "last_name": _one_line(last_name)}
    invitation = (
        MemberInvitation.objects.select_for_update()
        .filter(organisation=organisation, email=email, accepted_at__isnull=True)
        .first()
    )
    resent = invitation is not None
    if invitation is None:
        invitation = MemberInvitation(organisation=organisation, email=email, created_at=now)
    elif invitation.expires_at <= now:
        invitation.token = new_invitation_token()  # the old link stays dead
    for field, value in names.items():
        if value or not resent:
            setattr(invitation, field, value)
    invitation.role = role
    invitation.language = language
    invitation.invited_by = by if by is not None and by.is_authenticated else None
    invitation.expires_at = now + timedelta(days=INVITATION_VALID_DAYS)
    invitation.full_clean()
    invitation.save()
    log_action(
        organisation,
        "partners.invitation.resend" if resent else "partners.invitation.create",
        user=by,
        data={"email": email, "role": role.value, "invitation": invitation.pk},
    )
    _queue_invitation_mail(invitation, user=user)
    return invitation, resent


def invitation_values(invitation: MemberInvitation, language: str) -> dict[str, str]:
    """The placeholder values of the invitation email in ``language``."""
    by = invitation.invited_by
    name = invitation.full_name
    with_name, without_name = mail_texts.GREETING[language]
    with translation.override(language):
        expires = formats.date_format(timezone.localtime(invitation.expires_at), "j. F Y")
    return {
        "greeting": with_name.replace("{name}", name) if name else without_name,
        "invited_by": (by.get_full_name() or by.email) if by else mail_texts.SOMEONE[language],
        "role": mail_texts.ROLE_NAMES[language][invitation.role],
        "role_description": mail_texts.ROLE_DESCRIPTIONS[language][invitation.role],
        "organisation": invitation.organisation.name,
        "email": invitation.email,
        "join_url": join_url(invitation),
        "expires": expires,
    }


def invitation_mail(invitation: MemberInvitation) -> tuple[str, str, str]:
    """(language, subject, body) of the invitation email, in the invitee's language."""
    from conferences.placeholders import render

    language = invitation.language if invitation.language in Language.values else "nb"
    values = invitation_values(invitation, language)
    subject = _one_line(render(mail_texts.SUBJECT[language], values))
    body = render(mail_texts.BODY[language], values)
    return language, subject, body


def _queue_invitation_mail(invitation: MemberInvitation, *, user) -> None:
    from conferences.domain.mail import queue_message

    language, subject, body = invitation_mail(invitation)
    queue_message(
        to_email=invitation.email,
        to_name=invitation.full_name,
        language=language,
        subject=subject,
        body=body,
        about=invitation,
        user=user,
        by=invitation.invited_by,
    )


def email_belongs_to(user, email: str) -> bool:
    """Whether ``email`` is the user's login address or one of their verified addresses."""
    from allauth.account.models import EmailAddress

    email = normalise_email(email)
    if normalise_email(user.email) == email:
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def accept_invitation(*, invitation: MemberInvitation, user) -> tuple[Membership, bool]:
    """Make ``user`` a member of the invitation's organisation with its role.

    Only the owner of the invited address may accept (their login address or a verified
    address of their account). Someone who is already a member keeps their membership and role;
    the invitation is used up either way. Returns the membership and whether it is new."""
    organisation = _lock(invitation.organisation)
    invitation = MemberInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise MemberError(INVITATION_CLOSED, code="closed")
    if not email_belongs_to(user, invitation.email):
        raise MemberError(WRONG_EMAIL, code="wrong_email")
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log_action(
        organisation,
        "partners.invitation.accept",
        user=user,
        data={
            "email": invitation.email,
            "role": membership.role,
            "invitation": invitation.pk,
            "new_member": created,
        },
    )
    forget_capabilities(user)
    return membership, created


# --- memberships -------------------------------------------------------------------------------


def _check_coordinators_remain(membership: Membership) -> None:
    if membership.is_adviser:
        raise MemberError(ADVISER_MEMBERSHIP, code="adviser")
    if membership.role != MembershipRole.COORDINATOR:
        return
    others = (
        Membership.objects.filter(
            organisation_id=membership.organisation_id, role=MembershipRole.COORDINATOR
        )
        .exclude(pk=membership.pk)
        .exists()
    )
    if not others:
        raise MemberError(LAST_COORDINATOR, code="last_coordinator")


@transaction.atomic
def change_role(*, membership: Membership, role: str, by) -> bool:
    """Give a member another role. The organisation's last coordinator cannot be made an
    editor. Returns whether anything changed."""
    organisation = _lock(membership.organisation)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    role = MembershipRole(role)
    if membership.role == role:
        return False
    _check_coordinators_remain(membership)
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    log_action(
        organisation,
        "partners.member.role",
        user=by,
        data={"email": membership.user.email, "membership": membership.pk},
        changes=[
            {
                "field": "role",
                "label": str(Membership._meta.get_field("role").verbose_name),
                "before": before,
                "after": role.value,
            }
        ],
    )
    forget_capabilities(membership.user)
    return True


@transaction.atomic
def remove_member(*, membership: Membership, by) -> None:
    """End a membership. The organisation's last coordinator cannot be removed. The person's
    access ends with their next request (roles are resolved per request)."""
    organisation = _lock(membership.organisation)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    _check_coordinators_remain(membership)
    log_action(
        organisation,
        "partners.member.remove",
        user=by,
        data={"email": membership.user.email, "role": membership.role},
    )
    membership.delete()
    forget_capabilities(membership.user)

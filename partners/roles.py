"""A person's roles, resolved once per request into a set of capabilities (house style rule 6)."""

from __future__ import annotations

from dataclasses import dataclass

from partners.enums import MembershipRole

CACHE_ATTRIBUTE = "_moteplass_capabilities"


@dataclass(frozen=True)
class Capabilities:
    member_org_ids: frozenset[int] = frozenset()
    coordinator_org_ids: frozenset[int] = frozenset()
    adviser_org_ids: frozenset[int] = frozenset()

    @property
    def is_adviser(self) -> bool:
        return bool(self.adviser_org_ids)

    @property
    def is_partner(self) -> bool:
        return bool(self.member_org_ids - self.adviser_org_ids)


NOBODY = Capabilities()


def capabilities(user) -> Capabilities:
    """The capabilities of ``user``, computed with one query and cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    rows = list(user.memberships.values_list("organisation_id", "role", "is_adviser"))
    result = Capabilities(
        member_org_ids=frozenset(org for org, _role, _adviser in rows),
        coordinator_org_ids=frozenset(
            org for org, role, _adviser in rows if role == MembershipRole.COORDINATOR
        ),
        adviser_org_ids=frozenset(org for org, _role, adviser in rows if adviser),
    )
    setattr(user, CACHE_ATTRIBUTE, result)
    return result


def forget_capabilities(user) -> None:
    """Drop the cached capabilities after a membership of ``user`` changed."""
    if hasattr(user, CACHE_ATTRIBUTE):
        delattr(user, CACHE_ATTRIBUTE)


def has_authenticator_app(user) -> bool:
    """Whether ``user`` has set up an authenticator app (allauth's TOTP authenticator)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def must_use_two_factor(user) -> bool:
    """Advisers and staff must log in with an authenticator app (TOTP) as a second factor."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or capabilities(user).is_adviser

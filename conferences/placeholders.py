"""Placeholders in mail templates: ``{first_name}``, ``{conference}`` …

Rendering is plain substitution (never ``str.format``), so a template can reach nothing but the
values given; an unknown placeholder or a stray brace is a validation error, not a broken email.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from conferences.enums import MailRole

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
BRACE = re.compile(r"[{}]")

DESCRIPTIONS = {
    "first_name": _("The recipient's first name"),
    "last_name": _("The recipient's last name"),
    "full_name": _("The recipient's full name"),
    "conference": _("The conference's title"),
    "dates": _("The conference's dates"),
    "venue": _("The conference's venue"),
    "answer_url": _("The recipient's personal answer link"),
    "registration_closes": _("When registration closes"),
    "session": _("The title of the programme item"),
    "organisation": _("The organisation the message concerns"),
    "reason": _("The reason or comment given"),
    "offer_expires": _("When the offered place expires"),
    "manage_url": _("The recipient's personal link to their registration"),
    "programme_url": _("The link to the programme"),
    "proposal_url": _("The link to the proposal"),
    "decision": _("The decision: approved or rejected"),
    "change": _("What changed: the new room or time"),
    "commitments": _("The commitments the reminder is about, with their due dates and status"),
    "followup_url": _("The link to the recipient's commitments"),
}

COMMON = ("first_name", "last_name", "full_name", "conference", "dates", "venue")

ALLOWED = {
    MailRole.INVITATION: (*COMMON, "answer_url", "registration_closes"),
    MailRole.INVITATION_REMINDER: (*COMMON, "answer_url", "registration_closes"),
    MailRole.REGISTRATION_CONFIRMATION: (*COMMON, "manage_url", "programme_url"),
    MailRole.WAITING_LIST_OFFER: (*COMMON, "manage_url", "offer_expires"),
    MailRole.PROPOSAL_RECEIVED: (*COMMON, "session", "organisation"),
    MailRole.PROPOSAL_ACCEPTED: (*COMMON, "session", "organisation", "reason"),
    MailRole.PROPOSAL_DECLINED: (*COMMON, "session", "organisation", "reason"),
    MailRole.PROPOSAL_CHANGES_REQUESTED: (
        *COMMON,
        "session",
        "organisation",
        "reason",
        "proposal_url",
    ),
    MailRole.CHANGE_REQUEST_DECIDED: (
        *COMMON,
        "session",
        "organisation",
        "reason",
        "decision",
        "proposal_url",
    ),
    MailRole.PROGRAMME_CHANGE: (*COMMON, "session", "change", "programme_url"),
    MailRole.REGISTRATION_WAITLISTED: (*COMMON, "manage_url"),
    MailRole.SESSION_PLACE: (*COMMON, "session", "manage_url"),
    MailRole.REGISTRATION_CANCELLED: COMMON,
    MailRole.OFFER_EXPIRED: (*COMMON, "manage_url"),
    MailRole.COMMITMENT_REMINDER: (*COMMON, "organisation", "commitments", "followup_url"),
}


def allowed_for(role: str) -> tuple[str, ...]:
    return ALLOWED.get(role, COMMON)


def placeholders_in(text: str) -> list[str]:
    return PLACEHOLDER.findall(text or "")


def validate_placeholders(text: str, role: str) -> None:
    """Raise ValidationError naming every unknown placeholder or stray brace."""
    allowed = set(allowed_for(role))
    unknown = sorted({name for name in placeholders_in(text) if name not in allowed})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. You can use: %(allowed)s."),
            code="unknown_placeholder",
            params={
                "names": ", ".join(f"{{{name}}}" for name in unknown),
                "allowed": ", ".join(f"{{{name}}}" for name in allowed_for(role)),
            },
        )
    if BRACE.search(PLACEHOLDER.sub("", text or "")):
        raise ValidationError(
            _(
                "A curly brace { or } stands outside a placeholder. Write placeholders as "
                "{first_name}, and do not use braces otherwise."
            ),
            code="stray_brace",
        )


def render(text: str, values: dict[str, str]) -> str:
    """Replace each known placeholder by its value; validation has refused unknown ones."""
    return PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), match.group(0))), text)

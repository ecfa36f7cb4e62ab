"""Rules shared by models, forms, domain services and imports."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from conferences.enums import SessionFormat


def format_needs_goal(session_format: str) -> bool:
    return session_format not in SessionFormat.without_content()


def validate_session_goals(session_format: str, goals) -> None:
    """Every content programme item is tied to at least one main goal of the plan in force."""
    goals = list(goals)
    if format_needs_goal(session_format) and not goals:
        raise ValidationError(
            _("Choose at least one main goal: every programme item with content serves one."),
            code="goal_required",
        )


def validate_goals_in_plan(goals, plan) -> None:
    wrong = [goal.code for goal in goals if goal.focus_area.plan_id != plan.pk]
    if wrong:
        raise ValidationError(
            _("These main goals are not in the conference's plan: %(codes)s."),
            code="goal_wrong_plan",
            params={"codes": ", ".join(sorted(wrong))},
        )


# Characters a person may type in a phone number: digits, a leading plus, spaces and the usual
# separators. Letters are refused here (phonenumbers would read them as keypad digits).
PHONE_CHARACTERS = re.compile(r"\+?[\d\s().\-/]+")
PHONE_REGION = "NO"


def normalize_phone(value: str) -> str:
    """A phone number in E.164 (``+4791234567``), or "" for an empty value.

    Accepts +47, 0047 and spaces; 8 digits without a country code are a Norwegian number; foreign
    numbers are written with their country code (+46 …, 0046 …). Raises ValidationError for
    anything that is not a valid number."""
    import phonenumbers

    text = " ".join((value or "").split())
    if not text:
        return ""
    problem = ValidationError(
        _(
            "“%(value)s” is not a phone number we can use. Write 8 digits for a Norwegian "
            "number, or start with the country code (for example +46) for a foreign one."
        ),
        code="phone",
        params={"value": text[:40]},
    )
    if not PHONE_CHARACTERS.fullmatch(text):
        raise problem
    try:
        number = phonenumbers.parse(text, PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise problem from None
    if not phonenumbers.is_valid_number(number):
        raise problem
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_colour(value: str) -> None:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value or ""):
        raise ValidationError(
            _("Write the colour as # followed by six hexadecimal digits, e.g. #1e6b52."),
            code="colour",
        )


def validate_focus_area_code(value: str) -> None:
    if not re.fullmatch(r"[A-Z]", value or ""):
        raise ValidationError(_("A focus area code is one capital letter, e.g. I."), code="code")


def validate_goal_code(value: str) -> None:
    if not re.fullmatch(r"[A-Z][1-9]", value or ""):
        raise ValidationError(
            _("A main goal code is a capital letter and a digit, e.g. I1."), code="code"
        )

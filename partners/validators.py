"""Validation shared by models, forms and imports."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
# The secret of a personal link (secrets.token_urlsafe): URL-safe base64, at most the column's 64
# characters. Anything else in a link's address is no token and is never looked up (PostgreSQL
# refuses a query with a NUL character in it).
LINK_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_link_token(value) -> bool:
    return isinstance(value, str) and LINK_TOKEN.fullmatch(value) is not None


def normalize_orgnr(value: str) -> str:
    """Strip spaces (and the non-breaking kind) from an organisasjonsnummer."""
    return re.sub(r"\s+", "", value or "")


def orgnr_is_valid(value: str) -> bool:
    digits = normalize_orgnr(value)
    if not re.fullmatch(r"\d{9}", digits):
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:8], ORGNR_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return False
    check = 0 if remainder == 0 else 11 - remainder
    return check == int(digits[8])


def validate_orgnr(value: str) -> None:
    digits = normalize_orgnr(value)
    if not re.fullmatch(r"\d{9}", digits):
        raise ValidationError(
            _("An organisation number has exactly 9 digits."), code="orgnr_format"
        )
    if not orgnr_is_valid(digits):
        raise ValidationError(
            _("%(value)s is not a valid organisation number (the check digit does not match)."),
            code="orgnr_checksum",
            params={"value": digits},
        )


def validate_municipality_number(value: str) -> None:
    if not re.fullmatch(r"\d{4}", value or ""):
        raise ValidationError(
            _("A municipality number has exactly 4 digits."), code="municipality_number"
        )

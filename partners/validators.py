"""Validation shared by models, forms and imports."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext
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


# --- people's names --------------------------------------------------------------------------

MAX_NAME_LENGTH = 150  # User.first_name / last_name
NAME_PUNCTUATION = frozenset(" -'.’")


def _is_name_character(character: str) -> bool:
    category = unicodedata.category(character)
    return character.isalpha() or category.startswith("M") or character in NAME_PUNCTUATION


def _invisible(character: str) -> bool:
    """Control, format (direction overrides, zero-width), private and unassigned characters, and
    separators other than the plain space: shown in a message, they would be invisible or turn
    the rest of the message round."""
    category = unicodedata.category(character)
    return category[0] == "C" or (category[0] == "Z" and character != " ")


def _shorten(value: str) -> str:
    """``value`` to echo in a message: at most 60 characters, invisible ones as �."""
    return Truncator("".join("\ufffd" if _invisible(c) else c for c in value)).chars(60)


def _character_name(character: str) -> str:
    return f"U+{ord(character):04X}" if _invisible(character) else character


def validate_person_name(value: str) -> None:
    """Letters of any script (æøå, Sámi á č đ ŋ š ŧ ž), spaces, hyphens, apostrophes, full stops:
    no digits, symbols, control or direction-override characters. Takes an NFC-normalised,
    stripped value (see :func:`clean_person_name`)."""
    if len(value) > MAX_NAME_LENGTH:
        message = gettext("A name can have at most %(max)s characters; this one has %(length)s.")
        raise ValidationError(
            message, code="name_length", params={"max": MAX_NAME_LENGTH, "length": len(value)}
        )
    wrong = sorted({c for c in value if not _is_name_character(c)})
    if wrong:
        message = gettext(
            "“%(value)s” contains %(characters)s. A name may only contain letters, spaces, "
            "hyphens, apostrophes and full stops."
        )
        characters = " ".join(f"“{_character_name(c)}”" for c in wrong)
        raise ValidationError(
            message,
            code="name_characters",
            params={"value": _shorten(value), "characters": characters},
        )
    if not any(c.isalpha() for c in value):
        message = gettext("“%(value)s” has no letters. Write the person's name.")
        raise ValidationError(message, code="name_letters", params={"value": _shorten(value)})


def clean_person_name(value: str) -> str:
    """A name typed into a form: NFC, runs of white space (non-breaking ones too) as one space,
    then :func:`validate_person_name`. An empty value stays empty (the field decides whether it
    is required)."""
    value = unicodedata.normalize("NFC", " ".join((value or "").split()))
    if value:
        validate_person_name(value)
    return value

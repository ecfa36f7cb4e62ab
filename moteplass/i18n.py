"""Helpers for content stored in nb, nn and en fields (title_nb, title_nn, title_en)."""

import datetime

from django.utils import formats, timezone, translation

FALLBACKS = {"nb": ("nb", "nn", "en"), "nn": ("nn", "nb", "en"), "en": ("en", "nb", "nn")}


def localized(obj, field: str, language: str | None = None) -> str:
    """The value of ``field`` in the active language, falling back to the other written standard."""
    language = (language or translation.get_language() or "nb")[:2]
    for code in FALLBACKS.get(language, FALLBACKS["nb"]):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


class LocalizedFieldsMixin:
    """``obj.title`` and ``obj.description`` read the field in the active language."""

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")


def weekday_date(value, *, year: bool = False) -> str:
    """A day in words in the active language: "tirsdag 22. april", "Tuesday April 22" (with the
    year when asked). An aware datetime is taken in local time (Europe/Oslo)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = f"{formats.date_format(value, 'l')} {formats.date_format(value, 'MONTH_DAY_FORMAT')}"
    return f"{text} {value.year}" if year else text

from django import template
from django.utils.translation import gettext as _

from moteplass.audit import action_label as label_for
from moteplass.i18n import weekday_date as day_in_words

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return label_for(code)


@register.filter
def change_value(value) -> str:
    """A recorded value for people: yes/no for booleans, lists joined, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


@register.filter
def weekday_date(value, year: str = "") -> str:
    """``{{ day|weekday_date }}`` or ``{{ day|weekday_date:"year" }}`` (see moteplass.i18n)."""
    return day_in_words(value, year=bool(year))

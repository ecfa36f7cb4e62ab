from django import template

from moteplass.audit import action_label as label_for

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return label_for(code)

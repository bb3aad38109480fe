from django import template

from core.plural import plural

register = template.Library()


@register.filter(name="ru_plural")
def ru_plural(value, forms):
    """{{ n|ru_plural:"разговор,разговора,разговоров" }} → «223 разговора»."""
    one, few, many = forms.split(",")
    try:
        return f"{value} {plural(value, one, few, many)}"
    except (TypeError, ValueError):
        return value

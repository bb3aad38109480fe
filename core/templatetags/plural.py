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


@register.filter(name="ru_noun")
def ru_noun(value, forms):
    """Only the word, for a figure shown apart: {{ 223|ru_noun:"разговор,разговора,разговоров" }} → «разговора»."""
    one, few, many = forms.split(",")
    try:
        return plural(value, one, few, many)
    except (TypeError, ValueError):
        return many

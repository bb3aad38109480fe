from django import template

from core.phones import display_phone

register = template.Library()
register.filter("phone", display_phone)

from django import template

from zabota.phones import display_phone

register = template.Library()
register.filter("phone", display_phone)

"""Reads of the territory tree in the caller's scope."""

from accounts import access
from territories.models import Territory


def territory_in_scope(user, territory_id, field, errors):
    """The territory if the caller works in it, or an error by the field (an API payload check)."""
    territory = Territory.objects.filter(pk=territory_id).first()
    if territory is None or not access.in_territory(user, territory):
        errors.add(field, "Территория не найдена или вне вашей зоны ответственности.")
        return None
    return territory

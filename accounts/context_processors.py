from django.conf import settings

from accounts.navigation import FLAT_UP_TO, groups_for, items_for


def navigation(request):
    base = {"map_tile_url": settings.MAP_TILE_URL}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {**base, "nav_items": []}
    from accounts.two_factor import pending_step

    if pending_step(request):  # between the password and the code: no menu of pages that are not open yet
        return {**base, "nav_items": [], "two_factor_pending": True}
    items = items_for(user)
    return {
        **base,
        "nav_items": items,
        "nav_groups": groups_for(user, items),
        "nav_flat": len(items) <= FLAT_UP_TO,
    }

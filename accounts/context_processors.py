from django.conf import settings

from accounts.navigation import items_for


def navigation(request):
    base = {"map_tile_url": settings.MAP_TILE_URL}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {**base, "nav_items": []}
    return {**base, "nav_items": items_for(user)}

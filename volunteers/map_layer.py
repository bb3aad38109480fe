"""Volunteers on the staff map: each active volunteer's travel area as a circle (no names: «Волонтёр №»)."""

from django.urls import reverse

from accounts import access
from core.geo import circle_polygon
from volunteers.selectors import volunteers_on_map


def features(request):
    user = request.user
    if not access.can(user, "volunteers.view"):
        return []
    return [
        {
            "type": "Feature",
            "geometry": circle_polygon(v.lat, v.lon, v.area_radius_km),
            "properties": {
                "kind": "volunteer",
                "name": f"Волонтёр №{v.pk}",
                "label": f"{v.get_age_group_display()}, выезды до {v.area_radius_km} км",
                "url": reverse("volunteers:detail", args=[v.pk]),
            },
        }
        for v in volunteers_on_map(user)
    ]

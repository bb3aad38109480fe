from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from accounts import access
from directory import map_layers, selectors
from directory.models import Organization


def _point(lat, lon, **props):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


@login_required
def staff_map(request):
    access.require(request, "map.view")
    return render(request, "directory/map.html", {"layer_templates": map_layers.templates()})


@login_required
def map_data(request):
    """GeoJSON of everything on the staff map that this user may see."""
    access.require(request, "map.view")
    user = request.user
    features = []
    for t in selectors.territory_outlines(user):
        features.append(
            {"type": "Feature", "geometry": t.boundary, "properties": {"kind": "territory", "name": t.name}}
        )
    for o in selectors.organizations_on_map(user):
        kind = "social_site" if o.kind == Organization.Kind.SOCIAL_SITE else "organization"
        url = reverse("directory:detail", args=[o.pk])
        features.append(_point(o.lat, o.lon, kind=kind, name=o.name, label=o.get_kind_display(), url=url))
    features.extend(map_layers.features(request))  # volunteers, community leaders, communities (their apps)
    return JsonResponse({"type": "FeatureCollection", "features": features})

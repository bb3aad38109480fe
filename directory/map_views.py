from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse

from accounts import access
from communities.models import CommunityLeader
from core.geo import circle_polygon
from directory import map_layers
from directory.models import Organization
from territories.models import Territory
from volunteers.models import Volunteer


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
    for t in access.scoped(user, Territory.objects.exclude(boundary=None), field="id").only("name", "boundary", "kind"):
        features.append(
            {"type": "Feature", "geometry": t.boundary, "properties": {"kind": "territory", "name": t.name}}
        )
    orgs = access.scoped(user, Organization.objects.exclude(lat=None).exclude(lon=None))
    for o in orgs.only("name", "kind", "lat", "lon"):
        kind = "social_site" if o.kind == Organization.Kind.SOCIAL_SITE else "organization"
        url = reverse("directory:detail", args=[o.pk])
        features.append(_point(o.lat, o.lon, kind=kind, name=o.name, label=o.get_kind_display(), url=url))
    if access.can(user, "volunteers.view"):
        volunteers = access.scoped(user, Volunteer.objects.filter(is_active=True).exclude(lat=None).exclude(lon=None))
        for v in volunteers.only("lat", "lon", "area_radius_km", "age_group"):
            features.append(
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
            )
    if access.can(user, "leaders.view"):
        for leader in access.scoped(user, CommunityLeader.objects.exclude(lat=None).exclude(lon=None)):
            features.append(
                _point(
                    leader.lat,
                    leader.lon,
                    kind="leader",
                    name=leader.full_name,
                    label=leader.community,
                    url=reverse("communities:leader_detail", args=[leader.pk]),
                )
            )
    features.extend(map_layers.features(request))
    return JsonResponse({"type": "FeatureCollection", "features": features})

"""Plain rows for the coverage gaps: demand under a territory, helpers that could serve it. No names leave here."""

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from stats import gaps


def demand_rows(territory, start, end, now):
    """One row per need of each request received in [start, end) and of each family marked «Требуется опека»."""
    from helprequests.models import NOT_CONNECTED, HelpRequest
    from people.models import Household

    requests = HelpRequest.objects.filter(
        territory__path__startswith=territory.path, received_at__gte=start, received_at__lt=end
    )
    needs = defaultdict(list)
    for request_id, code, name in HelpRequest.needs.through.objects.filter(
        helprequest_id__in=requests.values("id")
    ).values_list("helprequest_id", "servicecategory__code", "servicecategory__name"):
        needs[request_id].append((code, name))
    place = ("territory_id", "territory__name", "territory__path", "territory__lat", "territory__lon")
    rows = []
    waiting_statuses = {str(s) for s in NOT_CONNECTED}
    for pk, person, received, connected, status, *where in requests.values_list(
        "id", "beneficiary_id", "received_at", "connected_at", "status", *place
    ):
        waiting = status in waiting_statuses
        if connected:
            wait = (connected - received).total_seconds() / 3600
        elif waiting:
            wait = (now - received).total_seconds() / 3600
        else:
            wait = None
        for code, name in needs.get(pk, []):
            rows.append(_row(where, code, name, "request", person, wait, waiting))
    families = Household.objects.filter(
        territory__path__startswith=territory.path, needs_guardianship_since__isnull=False
    )
    for household, code, name, *where in families.filter(guardianship_needs__isnull=False).values_list(
        "id", "guardianship_needs__code", "guardianship_needs__name", *place
    ):
        rows.append(_row(where, code, name, "family", household, None, False))
    return rows


def _row(where, code, name, source, person, wait, waiting):
    territory_id, territory_name, path, lat, lon = where
    return {
        "territory_id": territory_id,
        "territory": territory_name,
        "territory_path": path,
        "lat": lat,
        "lon": lon,
        "code": code,
        "need": name,
        "source": source,
        "person": person,
        "wait_hours": wait,
        "waiting": waiting,
    }


def helper_rows(codes):
    """Verified organizations and active volunteers offering any of the codes (served paths, reach)."""
    from directory.models import Organization
    from volunteers.models import Volunteer

    helpers = {}
    orgs = Organization.objects.filter(verified_at__isnull=False, services__category__code__in=codes)
    for pk, code, own in orgs.values_list("id", "services__category__code", "territory__path"):
        helpers.setdefault(("o", pk), {"codes": set(), "paths": set(), "own": own, "reach_km": None})
        helpers[("o", pk)]["codes"].add(code)
    for pk, path in (
        Organization.objects.filter(id__in=[k[1] for k in helpers if k[0] == "o"])
        .exclude(served_territories=None)
        .values_list("id", "served_territories__path")
    ):
        helpers[("o", pk)]["paths"].add(path)
    volunteers = Volunteer.objects.filter(
        Q(status=Volunteer.Status.ACTIVE), is_active=True, skills__code__in=codes
    ).values_list("id", "skills__code", "territory__path", "lat", "lon", "area_radius_km")
    for pk, code, path, lat, lon, reach in volunteers:
        item = helpers.setdefault(
            ("v", pk), {"codes": set(), "paths": {path}, "lat": lat, "lon": lon, "reach_km": reach}
        )
        item["codes"].add(code)
    result = []
    for item in helpers.values():
        paths = tuple(item["paths"]) or (item.get("own"),)
        result.append({**item, "paths": tuple(p for p in paths if p)})
    return result


def gaps_for(territory, date_from, date_to, now=None):
    """Coverage lines (unmasked) and the per-territory map items for the territory's subtree and period."""
    from stats.selectors import bounds

    now = now or timezone.now()
    start, end = bounds(date_from, date_to)
    demand = demand_rows(territory, start, end, now)
    helpers = helper_rows({row["code"] for row in demand})
    lines = gaps.coverage(demand, helpers)
    return {"lines": lines, "places": gaps.by_territory(lines)}


def map_features(territory, places):
    """GeoJSON: each territory with demand as its outline (or a circle round its centre), a text label."""
    from core.geo import circle_polygon
    from territories.models import Territory

    known = {
        t.pk: t
        for t in Territory.objects.filter(id__in=[p["territory_id"] for p in places]).only(
            "id", "name", "lat", "lon", "boundary", "kind"
        )
    }
    features = []
    for place in places:
        t = known.get(place["territory_id"])
        if t is None:
            continue
        if t.boundary:
            geometry = t.boundary
        elif t.has_point:
            geometry = circle_polygon(t.lat, t.lon, 3 if t.kind == "settlement" else 8, points=20)
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "name": t.name,
                    "gaps": len(place["gap_needs"]),
                    "label": gaps.label(place),
                    "short": f"{t.name}: {len(place['gap_needs'])} без помощи" if place["gap_needs"] else t.name,
                    "centre": [t.lat, t.lon] if t.has_point else None,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}

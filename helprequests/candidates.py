"""Plain data for routing, loaded in a few queries.

`load_candidates()` gives every verified organization and active volunteer (the batch assignment needs them
all); `candidates_for(need)` asks the database only for the helpers `core.routing.eligible` could accept for
one request — every needed service offered, a free slot, the territory served or (volunteers) the home within
a box around the request as wide as the volunteer's reach — so the page's suggestions do not grow with the
number of helpers. The exact rule stays in `core.routing`: the database only leaves out helpers it rejects.
"""

from math import asin, cos, degrees, pi, radians, sin, sqrt

from django.db.models import Count, Exists, F, FloatField, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce

from core.geo import EARTH_KM
from core.routing import ORGANIZATION, VOLUNTEER, Candidate, Need
from directory.models import Organization, OrganizationService
from helprequests.models import LOADING, Assignment, HelpRequest
from territories.models import Territory
from volunteers.models import Volunteer

REACH_CAP_KM = 200  # a volunteer's box is narrowed in longitude up to this reach; a longer reach, in latitude only
MARGIN = 1.001


def need_for(request):
    person, territory = request.beneficiary, request.territory
    lat, lon = (person.lat, person.lon) if person.lat is not None else (territory.lat, territory.lon)
    return Need(territory.path, lat, lon, frozenset(n.code for n in request.needs.all()))


def _count(queryset, field):
    """How many rows of the queryset point at the outer helper (0 when none), as a subquery."""
    rows = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _stats(field, assigned):
    assignments = Assignment.objects.all()
    return {
        "load": _count(HelpRequest.objects.filter(status__in=LOADING), assigned),
        "accepted": _count(assignments.filter(outcome=Assignment.Outcome.ACCEPTED), field),
        "declined": _count(assignments.filter(outcome=Assignment.Outcome.DECLINED), field),
    }


def load_candidates(organizations=None, volunteers=None, *, free_only=False):
    """Verified organizations and active volunteers as routing candidates (free_only: below capacity)."""
    organizations = organizations if organizations is not None else Organization.objects.all()
    volunteers = volunteers if volunteers is not None else Volunteer.objects.all()
    result = []
    orgs = (
        organizations.filter(verified_at__isnull=False)
        .select_related("territory")
        .prefetch_related(
            "served_territories", Prefetch("services", OrganizationService.objects.select_related("category"))
        )
        .annotate(**_stats("organization", "assigned_org"))
    )
    if free_only:
        orgs = orgs.filter(load__lt=F("capacity"))
    for o in orgs:
        cats = [s.category for s in o.services.all()]
        result.append(
            Candidate(
                ORGANIZATION,
                o.id,
                o.name,
                o.lat,
                o.lon,
                o.served_paths(),
                frozenset(c.code for c in cats),
                o.load,
                o.capacity,
                o.accepted,
                o.declined,
                code_names=tuple((c.code, c.name) for c in cats),
            )
        )
    vols = (
        volunteers.filter(is_active=True)
        .select_related("territory")
        .prefetch_related("skills")
        .annotate(**_stats("volunteer", "assigned_volunteer"))
    )
    if free_only:
        vols = vols.filter(load__lt=F("max_load"))
    for v in vols:
        skills = list(v.skills.all())
        result.append(
            Candidate(
                VOLUNTEER,
                v.id,
                v.full_name,
                v.lat,
                v.lon,
                (v.territory.path,),
                frozenset(s.code for s in skills),
                v.load,
                v.max_load,
                v.accepted,
                v.declined,
                reach_km=v.area_radius_km,
                code_names=tuple((s.code, s.name) for s in skills),
            )
        )
    return result


def _prefixes(path):
    """The paths that `core.geo.covers` accepts for this one (territory paths always end in '/')."""
    return [path[: i + 1] for i, ch in enumerate(path) if ch == "/"]


def _box(lat, lon):
    """Degrees per km of reach: (latitude, longitude or None) bounding every point within REACH_CAP_KM of the
    request by great-circle distance; longitude is None near a pole or across the 180th meridian."""
    lat_per_km = degrees(1 / EARTH_KM) * MARGIN
    d = REACH_CAP_KM / EARTH_KM
    far = abs(radians(lat)) + d
    if far >= pi / 2 - 1e-6:
        return lat_per_km, None
    x = sin(d / 2) / sqrt(cos(radians(lat)) * cos(far))
    if x >= 1:
        return lat_per_km, None
    lon_per_km = degrees(2 * asin(x)) / REACH_CAP_KM * MARGIN  # grows faster than the reach: exact at the cap
    if abs(lon) + lon_per_km * REACH_CAP_KM >= 180:
        return lat_per_km, None
    return lat_per_km, lon_per_km


def _within_reach(need):
    """Volunteers whose home lies in a box around the request as wide as their own reach."""
    if need.lat is None or need.lon is None:
        return Q(pk__in=[])
    lat_per_km, lon_per_km = _box(need.lat, need.lon)
    reach = Cast("area_radius_km", FloatField())

    def near(field, centre, per_km):
        per_km = Value(per_km, output_field=FloatField())
        centre = Value(centre, output_field=FloatField())
        return Q(**{f"{field}__gte": centre - reach * per_km, f"{field}__lte": centre + reach * per_km})

    by_lat = near("lat", need.lat, lat_per_km)
    if lon_per_km is None:
        return by_lat & Q(lon__isnull=False)
    return by_lat & (
        (Q(area_radius_km__lte=REACH_CAP_KM) & near("lon", need.lon, lon_per_km))
        | Q(area_radius_km__gt=REACH_CAP_KM, lon__isnull=False)
    )


def candidates_for(need):
    """The helpers that may be eligible for one request, pre-filtered in the database (six queries)."""
    above = Territory.objects.filter(path__in=_prefixes(need.territory_path)).values("pk")
    orgs = Organization.objects.all()
    vols = Volunteer.objects.all()
    for code in sorted(need.codes):
        orgs = orgs.filter(Exists(OrganizationService.objects.filter(organization=OuterRef("pk"), category__code=code)))
        vols = vols.filter(
            Exists(Volunteer.skills.through.objects.filter(volunteer=OuterRef("pk"), servicecategory__code=code))
        )
    served = Organization.served_territories.through.objects.filter(organization=OuterRef("pk"))
    orgs = orgs.filter(Exists(served.filter(territory__in=above)) | (~Exists(served) & Q(territory__in=above)))
    vols = vols.filter(Q(territory__in=above) | _within_reach(need))
    return load_candidates(orgs, vols, free_only=True)


def load_candidate(kind, pk):
    """One helper as a routing candidate (None if unknown, unverified or inactive), without loading the rest."""
    orgs = Organization.objects.filter(pk=pk) if kind == ORGANIZATION else Organization.objects.none()
    vols = Volunteer.objects.filter(pk=pk) if kind == VOLUNTEER else Volunteer.objects.none()
    found = load_candidates(orgs, vols)
    return found[0] if found else None

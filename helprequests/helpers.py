"""Plain data for routing, loaded in a few queries.

`load_helpers()` gives every verified organization and active volunteer (the batch assignment needs them
all); `helpers_for(need)` asks the database only for the helpers `core.routing.eligible` could accept for
one request — every needed service offered, a free slot, the territory served or (volunteers) the home within
a box around the request as wide as the volunteer's reach — so the page's suggestions do not grow with the
number of helpers. The exact rule stays in `core.routing`: the database only leaves out helpers it rejects.
"""

from math import asin, cos, degrees, pi, radians, sin, sqrt

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from core.geo import EARTH_KM
from core.routing import ORGANIZATION, VOLUNTEER, Helper, Need
from directory.models import Organization, OrganizationService
from helprequests.models import LOADING, Assignment, HelpRequest
from territories.models import Territory
from volunteers.models import Volunteer

REACH_CAP_KM = 200  # a volunteer's box is narrowed in longitude up to this reach; a longer reach, in latitude only
MARGIN = 1.001
FLOAT = "CAST(%s AS DOUBLE PRECISION)"  # a float parameter compared as one (PostgreSQL would take it as numeric)


def need_for(help_request):
    person, territory = help_request.beneficiary, help_request.territory
    lat, lon = (person.lat, person.lon) if person.lat is not None else (territory.lat, territory.lon)
    return Need(territory.path, lat, lon, frozenset(n.code for n in help_request.needs.all()))


def _count(queryset, field):
    """How many rows of the queryset point at the outer helper (0 when none), as a subquery."""
    rows = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _stats(field, helper):
    assignments = Assignment.objects.all()
    return {
        "load": _count(HelpRequest.objects.filter(status__in=LOADING), helper),
        "accepted": _count(assignments.filter(outcome=Assignment.Outcome.ACCEPTED), field),
        "declined": _count(assignments.filter(outcome=Assignment.Outcome.DECLINED), field),
    }


def load_helpers(organizations=None, volunteers=None):
    """Verified organizations and active volunteers as routing helpers (all of them: see helpers_for)."""
    if organizations is None and volunteers is None:
        return helpers_for(None)
    organizations = organizations if organizations is not None else Organization.objects.all()
    volunteers = volunteers if volunteers is not None else Volunteer.objects.all()
    result = []
    orgs = (
        organizations.filter(verified_at__isnull=False)
        .select_related("territory")
        .prefetch_related(
            "served_territories", Prefetch("services", OrganizationService.objects.select_related("category"))
        )
        .annotate(**_stats("organization", "helper_organization"))
    )
    for o in orgs:
        cats = [s.category for s in o.services.all()]
        result.append(
            Helper(
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
        .annotate(**_stats("volunteer", "helper_volunteer"))
    )
    for v in vols:
        skills = list(v.skills.all())
        result.append(
            Helper(
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


def _marks(values):
    return ", ".join(["%s"] * len(values))


def _sql(need=None):
    """SELECTs (with their parameters) of the organizations and of the volunteers that may be eligible for one
    request (every one with need=None): written out, since composing them through the ORM cost more CPU than
    running them."""
    t = {
        "org": Organization._meta.db_table,
        "vol": Volunteer._meta.db_table,
        "terr": Territory._meta.db_table,
        "svc": OrganizationService._meta.db_table,
        "served": Organization.served_territories.through._meta.db_table,
        "skills": Volunteer.skills.through._meta.db_table,
        "cat": OrganizationService._meta.get_field("category").related_model._meta.db_table,
        "req": HelpRequest._meta.db_table,
        "asg": Assignment._meta.db_table,
    }
    prefixes = (_prefixes(need.territory_path) or [None]) if need else []
    codes = sorted(need.codes) if need else []
    above = f"SELECT id FROM {t['terr']} WHERE path IN ({_marks(prefixes)})"  # the territory and those above it
    loading = list(LOADING)
    outcomes = [Assignment.Outcome.ACCEPTED.value, Assignment.Outcome.DECLINED.value]

    def stats(alias, helper, field):
        load = f"(SELECT COUNT(*) FROM {t['req']} h WHERE h.{helper} = {alias}.id AND h.status IN ({_marks(loading)}))"
        answered = [
            f"(SELECT COUNT(*) FROM {t['asg']} a WHERE a.{field} = {alias}.id AND a.outcome = %s)" for _ in outcomes
        ]
        select = f"{load}, {answered[0]}, {answered[1]}"
        return select, [*loading, *outcomes], load, loading

    # a needed code as its category id, computed once by the query: each check is then one probe of the index on
    # (helper, category) instead of a join to the catalog per helper (#12)
    category = f"(SELECT c.id FROM {t['cat']} c WHERE c.code = %s)"
    select, select_params, load, load_params = stats("o", "helper_organization_id", "organization_id")
    offers = "".join(
        f" AND EXISTS (SELECT 1 FROM {t['svc']} s WHERE s.organization_id = o.id AND s.category_id = {category})"
        for _ in codes
    )
    orgs = (
        f"SELECT 'o', o.id, o.name, o.lat, o.lon, o.capacity, NULL, t.path, {select}"
        f" FROM {t['org']} o JOIN {t['terr']} t ON t.id = o.territory_id"
        f" WHERE o.verified_at IS NOT NULL{offers}"
    )
    org_params = [*select_params, *codes]
    if need:
        orgs += (
            f" AND (EXISTS (SELECT 1 FROM {t['served']} st JOIN {t['terr']} u ON u.id = st.territory_id"
            f" WHERE st.organization_id = o.id AND u.path IN ({_marks(prefixes)}))"
            f" OR (o.territory_id IN ({above}) AND NOT EXISTS (SELECT 1 FROM {t['served']} st"
            " WHERE st.organization_id = o.id)))"
            f" AND {load} < o.capacity"
        )
        org_params += [*prefixes, *prefixes, *load_params]

    select, select_params, load, load_params = stats("v", "helper_volunteer_id", "volunteer_id")
    offers = "".join(
        f" AND EXISTS (SELECT 1 FROM {t['skills']} k WHERE k.volunteer_id = v.id AND k.servicecategory_id = {category})"
        for _ in codes
    )
    columns = "v.id, v.full_name, v.lat, v.lon, v.max_load, v.area_radius_km"
    if not need:
        vols = (
            f"SELECT 'v', {columns}, t.path, {select} FROM {t['vol']} v JOIN {t['terr']} t ON t.id = v.territory_id"
            f" WHERE v.is_active = %s{offers}"
        )
        return f"{orgs} UNION ALL {vols}", [*org_params, *select_params, True, *codes], t
    reach, reach_params = _reach(need, t)
    # PostgreSQL: the territories as an array computed once, so that either arm of the OR can be read through
    # an index (the territory's, or the box's `volunteer_reach_box`) — a bitmap OR, not a walk of every helper
    home = f"= ANY(ARRAY({above}))" if connection.vendor == "postgresql" else f"IN ({above})"
    # #12: the volunteers at home or in reach first, on their own (MATERIALIZED: the planner may not start from
    # everyone with the needed skill instead, as it did at 10x the volunteers); skills and load for those only
    near = (
        f"SELECT {columns}, v.territory_id FROM {t['vol']} v"
        f" WHERE v.is_active = %s AND (v.territory_id {home} OR {reach})"
    )
    vols = (
        f"SELECT 'v', {columns}, t.path, {select} FROM near v JOIN {t['terr']} t ON t.id = v.territory_id"
        f" WHERE {load} < v.max_load{offers}"
    )
    near_params = [True, *prefixes, *reach_params]
    vol_params = [*select_params, *load_params, *codes]
    return f"WITH near AS MATERIALIZED ({near}) {orgs} UNION ALL {vols}", [*near_params, *org_params, *vol_params], t


def _reach(need, t):
    """A volunteer's home in a box around the request as wide as the volunteer's own reach (SQL, parameters).
    #12: also inside the box of the widest reach of any active volunteer (computed once by the query): the same
    rows, but a condition an index on (lat, lon) can answer without reading every volunteer."""
    if need.lat is None or need.lon is None:
        return "1 = 0", []
    lat_per_km, lon_per_km = _box(need.lat, need.lon)
    widest = f"(SELECT MAX(w.area_radius_km) FROM {t['vol']} w WHERE w.is_active = %s)"
    by_lat = f"v.lat BETWEEN {FLOAT} - v.area_radius_km * {FLOAT} AND {FLOAT} + v.area_radius_km * {FLOAT}"
    params = [need.lat, lat_per_km, need.lat, lat_per_km]
    outer = f"v.lat BETWEEN {FLOAT} - {widest} * {FLOAT} AND {FLOAT} + {widest} * {FLOAT}"
    outer_params = [need.lat, True, lat_per_km, need.lat, True, lat_per_km]
    if lon_per_km is None:
        return f"({outer} AND {by_lat} AND v.lon IS NOT NULL)", [*outer_params, *params]
    # a reach over the cap may lie at any longitude: then the outer box is as wide as the earth
    half = f"(CASE WHEN {widest} > %s THEN 360 ELSE {widest} * {FLOAT} END)"
    outer += f" AND v.lon BETWEEN {FLOAT} - {half} AND {FLOAT} + {half}"
    half_params = [True, REACH_CAP_KM, True, lon_per_km]
    outer_params += [need.lon, *half_params, need.lon, *half_params]
    by_lon = f"v.lon BETWEEN {FLOAT} - v.area_radius_km * {FLOAT} AND {FLOAT} + v.area_radius_km * {FLOAT}"
    sql = f"({by_lat} AND ((v.area_radius_km <= %s AND {by_lon}) OR (v.area_radius_km > %s AND v.lon IS NOT NULL)))"
    exact = [*params, REACH_CAP_KM, need.lon, lon_per_km, need.lon, lon_per_km, REACH_CAP_KM]
    return f"({outer} AND {sql})", [*outer_params, *exact]


def _details(t, orgs, vols, everyone=False):
    """Services, served territories and skills of the helpers found: one query for all of them (everyone: of
    every helper, without listing thousands of ids)."""
    parts, params = [], []

    def of(column, ids):
        nonlocal params
        if everyone:
            return ""
        params += ids
        return f" WHERE {column} IN ({_marks(ids)})"

    if orgs:
        parts.append(
            f"SELECT 'o', s.organization_id, c.code, c.name, c.position FROM {t['svc']} s"
            f" JOIN {t['cat']} c ON c.id = s.category_id" + of("s.organization_id", orgs)
        )
        parts.append(
            f"SELECT 's', st.organization_id, u.path, '', 0 FROM {t['served']} st"
            f" JOIN {t['terr']} u ON u.id = st.territory_id" + of("st.organization_id", orgs)
        )
    if vols:
        parts.append(
            f"SELECT 'v', k.volunteer_id, c.code, c.name, c.position FROM {t['skills']} k"
            f" JOIN {t['cat']} c ON c.id = k.servicecategory_id" + of("k.volunteer_id", vols)
        )
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for kind, pk, value, name, position in cursor.fetchall():
            found.setdefault((kind, pk), []).append((position, name, value))
    return {key: sorted(rows) for key, rows in found.items()}


def helpers_for(need=None):
    """The helpers that may be eligible for one request, pre-filtered in the database (two queries): every
    needed service offered, below capacity, serving the request's territory (or one above it) or, for a
    volunteer, living in a box around the request as wide as the volunteer's reach. need=None: every verified
    organization and active volunteer, as `load_helpers()`."""
    sql, params, t = _sql(need)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return []
    details = _details(t, [r[1] for r in rows if r[0] == "o"], [r[1] for r in rows if r[0] == "v"], need is None)
    result = []
    for kind, pk, name, lat, lon, capacity, reach, path, load, accepted, declined in rows:
        codes = [(code, label) for _, label, code in details.get((kind, pk), [])]
        served = tuple(sorted(p for _, _, p in details.get(("s", pk), []))) if kind == "o" else ()
        served = served or (path,)  # no served territories listed, or a volunteer: their own territory
        result.append(
            Helper(
                ORGANIZATION if kind == "o" else VOLUNTEER,
                pk,
                name,
                lat,
                lon,
                served,
                frozenset(code for code, _ in codes),
                load,
                capacity,
                accepted,
                declined,
                reach_km=reach,
                code_names=tuple(codes),
            )
        )
    return result


def load_helper(kind, pk):
    """One helper for routing (None if unknown, unverified or inactive), without loading the rest."""
    orgs = Organization.objects.filter(pk=pk) if kind == ORGANIZATION else Organization.objects.none()
    vols = Volunteer.objects.filter(pk=pk) if kind == VOLUNTEER else Volunteer.objects.none()
    found = load_helpers(orgs, vols)
    return found[0] if found else None

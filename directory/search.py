"""Loading plain data for the ranking and answering the public search."""

import math

from catalog.models import ServiceCategory
from directory.models import Organization
from directory.ranking import Helper, Place, rank
from territories.matching import best_matches
from territories.models import Territory

LOCALITY_KINDS = [Territory.Kind.SETTLEMENT, Territory.Kind.AREA, Territory.Kind.DISTRICT]


def find_localities(text, limit=8):
    localities = Territory.objects.filter(kind__in=LOCALITY_KINDS).values_list("id", "name")
    ids = best_matches(text, localities, limit=limit)
    by_id = Territory.objects.select_related("parent").in_bulk(ids)
    return [by_id[i] for i in ids]


def need_codes(code):
    """A leaf code stands for itself; a top-level code for all its leaves."""
    if not code:
        return None
    category = ServiceCategory.objects.filter(code=code).first()
    if category is None:
        return None
    return {category.code, *category.children.values_list("code", flat=True)}


def helpers(queryset):
    """Plain helpers (organizations) of `queryset` in three queries of plain values (no model instances)."""
    from directory.models import OrganizationService

    rows = list(queryset.values_list("id", "name", "lat", "lon", "phone", "territory__path"))
    ids = [row[0] for row in rows]
    served, codes = {}, {}
    through = Organization.served_territories.through
    for pk, path in through.objects.filter(organization_id__in=ids).values_list("organization_id", "territory__path"):
        served.setdefault(pk, []).append(path)
    for pk, code in OrganizationService.objects.filter(organization_id__in=ids).values_list(
        "organization_id", "category__code"
    ):
        codes.setdefault(pk, set()).add(code)
    return [
        Helper(
            id=pk,
            name=name,
            lat=lat,
            lon=lon,
            served_paths=tuple(served.get(pk, ())) or (own_path,),
            service_codes=frozenset(codes.get(pk, ())),
            phone=phone,
        )
        for pk, name, lat, lon, phone, own_path in rows
    ]


def place_of(territory):
    return Place(territory.id, territory.name, territory.path, territory.lat, territory.lon)


# A resident needs the nearest few; the page and the API show this many (#12: never rank every organization).
PUBLIC_LIMIT = 20
# Organizations pre-sorted by the database, then ranked exactly (great-circle distance) by `rank`.
PRESORT_MARGIN = 2


def _ancestor_paths(path):
    """'/1/5/23/' → ['/1/', '/1/5/', '/1/5/23/']: the paths whose served territory covers this one."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _presorted_ids(locality, codes, limit):
    """Publicly listed organizations offering one of `codes` (all when None), ordered by the database:
    those serving the locality first, then by an equirectangular distance (plain arithmetic on both SQLite and
    PostgreSQL: the cosine of the locality's latitude is a constant), then by name; the first `limit` ids."""
    from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, Value, When

    from directory.models import OrganizationService as Service

    queryset = Organization.objects.publicly_listed()
    if codes is not None:
        offered = Service.objects.filter(organization=OuterRef("pk"), category__code__in=sorted(codes))
        queryset = queryset.filter(Exists(offered))
    paths = _ancestor_paths(locality.path)
    through = Organization.served_territories.through
    serving = through.objects.filter(organization=OuterRef("pk"), territory__path__in=paths)
    any_served = through.objects.filter(organization=OuterRef("pk"))
    covering = Q(Exists(serving)) | (~Q(Exists(any_served)) & Q(territory__path__in=paths))
    far = Value(1e12, output_field=FloatField())
    if locality.has_point:
        k = math.cos(math.radians(locality.lat))
        dlat, dlon = F("lat") - locality.lat, (F("lon") - locality.lon) * k
        office = Case(
            When(lat__isnull=False, lon__isnull=False, then=dlat * dlat + dlon * dlon),
            default=far,
            output_field=FloatField(),
        )
    else:
        office = far
    queryset = queryset.annotate(_office=office, _near=Case(When(covering, then=Value(0.0)), default=office))
    return list(queryset.order_by("_near", "_office", "name", "pk").values_list("pk", flat=True)[:limit])


def public_search(locality, code=None, limit=PUBLIC_LIMIT):
    """Publicly listed organizations for a locality (Territory) and an optional need code, best first: the
    database filters by need and pre-sorts; only the first ones are loaded and ranked exactly."""
    codes = need_codes(code)
    ids = _presorted_ids(locality, codes, limit * PRESORT_MARGIN)
    hits = rank(place_of(locality), helpers(Organization.objects.filter(pk__in=ids)), codes)
    return hits[:limit]


def public_total(locality, code=None):
    """How many publicly listed organizations offer the need (the page says «показаны N ближайших из M»)."""
    from django.db.models import Exists, OuterRef

    from directory.models import OrganizationService as Service

    codes = need_codes(code)
    queryset = Organization.objects.publicly_listed()
    if codes is not None:
        queryset = queryset.filter(
            Exists(Service.objects.filter(organization=OuterRef("pk"), category__code__in=sorted(codes)))
        )
    return queryset.count()

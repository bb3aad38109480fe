"""Loading plain data for the ranking and answering the public search."""

from catalog.models import ServiceCategory
from directory.models import Organization
from directory.ranking import Place, Provider, rank
from territories.matching import best_matches
from territories.models import Territory

LOCALITY_KINDS = [Territory.Kind.SETTLEMENT, Territory.Kind.AREA, Territory.Kind.DISTRICT]


def find_localities(text, limit=8):
    candidates = Territory.objects.filter(kind__in=LOCALITY_KINDS).values_list("id", "name")
    ids = best_matches(text, candidates, limit=limit)
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


def providers(queryset):
    queryset = queryset.prefetch_related("served_territories", "services__category")
    return [
        Provider(
            id=o.id,
            name=o.name,
            lat=o.lat,
            lon=o.lon,
            served_paths=o.served_paths(),
            service_codes=frozenset(s.category.code for s in o.services.all()),
            phone=o.phone,
        )
        for o in queryset.select_related("territory")
    ]


def place_of(territory):
    return Place(territory.id, territory.name, territory.path, territory.lat, territory.lon)


def public_search(locality, code=None):
    """Publicly listed organizations for a locality (Territory) and an optional need code."""
    hits = rank(place_of(locality), providers(Organization.objects.publicly_listed()), need_codes(code))
    return hits

"""Public search ranking: a pure function over plain data, nearest first, no radius cut-off.

An organization that serves the searched locality (directly or through its district or region)
counts as being right there, so district- and region-wide services rank among the near ones.
"""

from dataclasses import dataclass, field

from core.geo import covers, distance_km


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    path: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Helper:
    id: int
    name: str
    lat: float | None
    lon: float | None
    served_paths: tuple[str, ...]
    service_codes: frozenset[str]
    phone: str = ""


@dataclass(frozen=True)
class Hit:
    helper: Helper
    distance_km: float | None
    office_distance_km: float | None
    covers_locality: bool
    matched_codes: tuple[str, ...] = field(default=())


UNKNOWN_DISTANCE = 1e9


def rank(place: Place, helpers, need_codes=None):
    """Helpers offering any of need_codes (all when None), best first."""
    hits = []
    for helper in helpers:
        matched = tuple(sorted(helper.service_codes & need_codes)) if need_codes else ()
        if need_codes and not matched:
            continue
        office = distance_km(place.lat, place.lon, helper.lat, helper.lon)
        covering = covers(helper.served_paths, place.path)
        hits.append(Hit(helper, 0.0 if covering else office, office, covering, matched))
    hits.sort(
        key=lambda h: (
            UNKNOWN_DISTANCE if h.distance_km is None else h.distance_km,
            UNKNOWN_DISTANCE if h.office_distance_km is None else h.office_distance_km,
            h.helper.name,
        )
    )
    return hits

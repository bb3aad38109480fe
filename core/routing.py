"""Routing: which helpers can take a request, best first, with the reason for each rank.

Pure functions over plain data. Order: nearest (to the whole kilometre), then least loaded against
capacity, then the best record of accepting requests. Helpers that lack a needed service, do not
serve the territory or are at capacity are left out.
"""

from dataclasses import dataclass

from core.geo import covers, distance_km

ORGANIZATION, VOLUNTEER = "organization", "volunteer"


@dataclass(frozen=True)
class Need:
    territory_path: str
    lat: float | None
    lon: float | None
    codes: frozenset[str]


@dataclass(frozen=True)
class Helper:
    type: str
    id: int
    name: str
    lat: float | None
    lon: float | None
    served_paths: tuple[str, ...]
    codes: frozenset[str]
    load: int
    capacity: int
    accepted: int = 0
    declined: int = 0
    reach_km: float | None = None  # a volunteer also helps within this radius of home
    code_names: tuple[tuple[str, str], ...] = ()

    @property
    def acceptance(self):
        answered = self.accepted + self.declined
        return self.accepted / answered if answered else None


@dataclass(frozen=True)
class Suggestion:
    helper: Helper
    distance_km: float | None
    reasons: tuple[str, ...]


def eligible(need, helper):
    """(eligible?, distance): offers every needed service, serves the place, has a free slot."""
    distance = distance_km(need.lat, need.lon, helper.lat, helper.lon)
    if not need.codes <= helper.codes or helper.load >= helper.capacity:
        return False, distance
    serves = covers(helper.served_paths, need.territory_path)
    if not serves and helper.reach_km is not None and distance is not None:
        serves = distance <= helper.reach_km
    return serves, distance


def _sort_key(suggestion):
    h = suggestion.helper
    distance = suggestion.distance_km
    acceptance = h.acceptance
    return (
        round(distance) if distance is not None else 10**6,
        h.load / h.capacity,
        -(acceptance if acceptance is not None else 0.5),
        h.name,
        h.type,  # the same order whichever way the helpers were loaded
        h.id,
    )


def _reasons(need, helper, distance):
    names = dict(helper.code_names)
    services = ", ".join(names.get(code, code) for code in sorted(need.codes))
    reasons = [f"оказывает: {services}" if services else "помогает по этой заявке"]
    reasons.append(f"{distance:.1f} км от подопечного" if distance is not None else "расстояние неизвестно")
    reasons.append(f"загрузка {helper.load} из {helper.capacity}")
    if helper.acceptance is None:
        reasons.append("направлений ещё не было")
    else:
        reasons.append(
            f"принимает {helper.acceptance:.0%} направлений ({helper.accepted} из {helper.accepted + helper.declined})"
        )
    return tuple(reasons)


def suggest(need, helpers, limit=None):
    suggestions = []
    for helper in helpers:
        ok, distance = eligible(need, helper)
        if ok:
            suggestions.append(Suggestion(helper, distance, _reasons(need, helper, distance)))
    suggestions.sort(key=_sort_key)
    return suggestions[:limit] if limit else suggestions

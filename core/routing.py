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
class Candidate:
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
    candidate: Candidate
    distance_km: float | None
    reasons: tuple[str, ...]


def eligible(need, candidate):
    """(eligible?, distance): offers every needed service, serves the place, has a free slot."""
    distance = distance_km(need.lat, need.lon, candidate.lat, candidate.lon)
    if not need.codes <= candidate.codes or candidate.load >= candidate.capacity:
        return False, distance
    serves = covers(candidate.served_paths, need.territory_path)
    if not serves and candidate.reach_km is not None and distance is not None:
        serves = distance <= candidate.reach_km
    return serves, distance


def _sort_key(suggestion):
    c = suggestion.candidate
    distance = suggestion.distance_km
    acceptance = c.acceptance
    return (
        round(distance) if distance is not None else 10**6,
        c.load / c.capacity,
        -(acceptance if acceptance is not None else 0.5),
        c.name,
        c.type,  # the same order whichever way the helpers were loaded
        c.id,
    )


def _reasons(need, candidate, distance):
    names = dict(candidate.code_names)
    services = ", ".join(names.get(code, code) for code in sorted(need.codes))
    reasons = [f"оказывает: {services}" if services else "помогает по этой заявке"]
    reasons.append(f"{distance:.1f} км от подопечного" if distance is not None else "расстояние неизвестно")
    reasons.append(f"загрузка {candidate.load} из {candidate.capacity}")
    if candidate.acceptance is None:
        reasons.append("направлений ещё не было")
    else:
        reasons.append(
            f"принимает {candidate.acceptance:.0%} направлений ({candidate.accepted} из "
            f"{candidate.accepted + candidate.declined})"
        )
    return tuple(reasons)


def suggest(need, candidates, limit=None):
    suggestions = []
    for candidate in candidates:
        ok, distance = eligible(need, candidate)
        if ok:
            suggestions.append(Suggestion(candidate, distance, _reasons(need, candidate, distance)))
    suggestions.sort(key=_sort_key)
    return suggestions[:limit] if limit else suggestions

"""Batch assignment: all open requests of a territory at once, within every helper's capacity,
with the least total distance (an optimal assignment, not a greedy loop).

Each helper's column is repeated once per free slot and scipy's Hungarian-method solver
(linear_sum_assignment) picks the cheapest matching; pairs a helper cannot take cost a
prohibitive amount and are dropped from the answer.
"""

import numpy as np
from scipy.optimize import linear_sum_assignment

from core.routing import eligible

UNKNOWN_KM = 500.0  # a helper with no point on the map still counts, but as far away
FORBIDDEN = 1e9


def propose(needs, candidates):
    """needs: [(key, Need)]; candidates: [Candidate]. Returns [(key, candidate, distance_km)]."""
    columns, spans = [], []
    for candidate in candidates:
        free = max(0, candidate.capacity - candidate.load)
        spans.append((candidate, len(columns), free))
        columns.extend([candidate] * free)
    if not needs or not columns:
        return []
    cost = np.full((len(needs), len(columns)), FORBIDDEN)
    distances = {}
    for i, (_key, need) in enumerate(needs):
        for candidate, start, free in spans:
            ok, distance = eligible(need, candidate)
            if ok and free:
                distances[i, start] = distance
                cost[i, start : start + free] = UNKNOWN_KM if distance is None else distance
    rows, cols = linear_sum_assignment(cost)
    result = []
    for i, j in zip(rows, cols, strict=True):
        if cost[i, j] < FORBIDDEN:
            start = next(s for c, s, f in spans if s <= j < s + f)
            result.append((needs[i][0], columns[j], distances[i, start]))
    return result

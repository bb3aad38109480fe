"""Batch assignment: all open requests of a territory at once, within every helper's capacity: as many
requests as possible, then the least total distance.

A sparse graph of eligible pairs instead of a dense matrix. For each request its eligible helpers (the rules of
`core.routing.eligible`) are found without looking at the others: those serving a territory above the
request's (an index by served path), and volunteers within their reach (a k-d tree per band of reach);
the graph links each request to its NEAREST eligible helpers plus the helper the greedy nearest-first loop
gives it, so the optimum over the graph is never worse than greedy. It is solved as a min-cost flow
(source → request → helper → sink, the helper's arc carrying its free slots) with OR-Tools: the maximum
flow first, then the least cost among maximum flows. Unknown distance costs UNKNOWN_KM.

Pure functions over plain data (`core.routing.Need` and `Helper`).
"""

import heapq
import itertools
from math import ceil, log2

import numpy as np

from core.geo import EARTH_KM, covers, distance_km
from core.routing import eligible

UNKNOWN_KM = 500.0  # a helper or a request with no point on the map still counts, but as far away
NEAREST = 40  # eligible helpers linked to each request (besides the greedy one)
SCALE = 1_000_000  # distances become integer millimetres for the solver
EDGE = 1e-6  # km: a distance this close to a reach is decided by `eligible` itself


def cost_of(distance):
    return UNKNOWN_KM if distance is None else distance


def _prefixes(path):
    """Every '/'-terminated beginning of a path: the served paths that `covers` it."""
    return [path[: i + 1] for i, ch in enumerate(path) if ch == "/"]


def _unit(lat, lon):
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _haversine(lat, lon, lats, lons):
    """The same great-circle distance as core.geo.distance_km, for many helpers at once (nan: unknown)."""
    dlat, dlon = np.radians(lats - lat), np.radians(lons - lon)
    a = np.sin(dlat / 2) ** 2 + np.cos(np.radians(lat)) * np.cos(np.radians(lats)) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(a))


class _Index:
    """Helpers with a free slot, indexed so that one request's eligible helpers cost a few array operations."""

    def __init__(self, helpers):
        from scipy.spatial import cKDTree

        self.helpers = helpers
        self.free = np.array([max(0, h.capacity - h.load) for h in helpers], dtype=np.int64)
        self.lat = np.array([np.nan if h.lat is None or h.lon is None else h.lat for h in helpers], dtype=float)
        self.lon = np.array([np.nan if h.lat is None or h.lon is None else h.lon for h in helpers], dtype=float)
        self.reach = np.array([np.nan if h.reach_km is None else h.reach_km for h in helpers], dtype=float)
        by_path, self.odd = {}, []  # odd: a served path not ending in '/', checked by `covers` itself
        bands = {}
        for j, h in enumerate(helpers):
            if not self.free[j]:
                continue
            for path in set(h.served_paths):
                if path.endswith("/"):
                    by_path.setdefault(path, []).append(j)
                else:
                    self.odd.append(j)
            if h.reach_km is not None and h.reach_km >= 0 and not np.isnan(self.lat[j]):
                bands.setdefault(max(0, ceil(log2(max(h.reach_km, 1)))), []).append(j)
        self.by_path = {path: np.array(js, dtype=np.int64) for path, js in by_path.items()}
        self.odd = sorted(set(self.odd))
        self.bands = []
        for _band, js in sorted(bands.items()):
            js = np.array(js, dtype=np.int64)
            radius = float(self.reach[js].max()) + 1.0  # km, with a margin for the straight-line approximation
            chord = 2 * np.sin(min(radius / EARTH_KM, np.pi) / 2)
            self.bands.append((cKDTree(_unit(self.lat[js], self.lon[js])), js, chord))
        self.masks = {}
        codes = sorted(set().union(*(h.codes for h in helpers)))
        self.bit = {code: 1 << k for k, code in enumerate(codes)} if len(codes) < 63 else None
        if self.bit is not None:  # the codes of each helper as bits of one number
            self.bits = np.array([sum(self.bit[code] for code in h.codes) for h in helpers], dtype=np.int64)

    def offers(self, codes):
        """Which helpers offer every code of a set (cached per set)."""
        if codes not in self.masks:
            if self.bit is None:
                self.masks[codes] = np.array([codes <= h.codes for h in self.helpers], dtype=bool)
            elif any(code not in self.bit for code in codes):
                self.masks[codes] = np.zeros(len(self.helpers), dtype=bool)  # nobody offers it
            else:
                wanted = sum(self.bit[code] for code in codes)
                self.masks[codes] = (self.bits & wanted) == wanted
        return self.masks[codes]

    def lists(self, needs):
        """For each request, (helper indices, costs) cheapest first then by index: exactly the helpers
        `eligible` accepts. All requests at once, in array operations."""
        n, size = len(needs), len(self.helpers)
        sets = {}
        need_set = np.array([sets.setdefault(need.codes, len(sets)) for _key, need in needs], dtype=np.int64)
        offers = np.stack([self.offers(codes) for codes in sets])
        lat = np.array([np.nan if nd.lat is None or nd.lon is None else nd.lat for _k, nd in needs], dtype=float)
        lon = np.array([np.nan if nd.lat is None or nd.lon is None else nd.lon for _k, nd in needs], dtype=float)
        rows, cols = [], []
        by_path = {}
        for i, (_key, need) in enumerate(needs):
            by_path.setdefault(need.territory_path, []).append(i)
        for path, members in by_path.items():  # serving a territory above the request's
            found = [self.by_path[p] for p in _prefixes(path) if p in self.by_path]
            odd = [j for j in self.odd if covers(self.helpers[j].served_paths, path)]
            if odd:
                found.append(np.array(odd, dtype=np.int64))
            if found:
                js = np.unique(np.concatenate(found))
                rows.append(np.repeat(np.array(members, dtype=np.int64), len(js)))
                cols.append(np.tile(js, len(members)))
        placed = np.flatnonzero(~np.isnan(lat))
        if len(placed):
            points = _unit(lat[placed], lon[placed])
            for tree, js, chord in self.bands:  # volunteers within their reach
                near = tree.query_ball_point(points, chord)
                counts = np.fromiter((len(x) for x in near), dtype=np.int64, count=len(near))
                flat = np.fromiter(itertools.chain.from_iterable(near), dtype=np.int64, count=int(counts.sum()))
                i, j = np.repeat(placed, counts), js[flat]
                d = _haversine(lat[i], lon[i], self.lat[j], self.lon[j])
                reach = self.reach[j]
                sure = d <= reach - EDGE
                unsure = np.flatnonzero(np.abs(d - reach) < EDGE)
                for k in unsure.tolist():  # on the very edge: ask the rule itself
                    sure[k] = eligible(needs[i[k]][1], self.helpers[j[k]])[0]
                rows.append(i[sure])
                cols.append(j[sure])
        if not rows:
            return [(np.empty(0, dtype=np.int64), np.empty(0))] * n
        keys = np.sort(np.concatenate(rows) * size + np.concatenate(cols))
        keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]  # a helper found both ways, once
        i, j = keys // size, keys % size
        keep = offers[need_set[i], j] & (self.free[j] > 0)
        i, j = i[keep], j[keep]
        costs = _haversine(lat[i], lon[i], self.lat[j], self.lon[j])
        costs = np.where(np.isnan(costs), UNKNOWN_KM, costs)
        order = np.lexsort((j, costs, i))
        i, j, costs = i[order], j[order], costs[order]
        bounds = np.searchsorted(i, np.arange(n + 1))
        return [(j[a:b], costs[a:b]) for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)]


def _greedy(lists, free):
    """Nearest pair first over all requests, within free slots: {request index: helper index}."""
    free = free.copy()
    heap = [(costs[0], i, int(js[0]), 0) for i, (js, costs) in enumerate(lists) if len(js)]
    heapq.heapify(heap)
    picked = {}
    while heap:
        _cost, i, j, position = heapq.heappop(heap)
        if free[j] > 0:
            free[j] -= 1
            picked[i] = j
            continue
        js, costs = lists[i]
        position += 1
        while position < len(js) and free[js[position]] <= 0:  # the next helper with a free slot
            position += 1
        if position < len(js):
            heapq.heappush(heap, (costs[position], i, int(js[position]), position))
    return picked


def _result(needs, helpers, pairs):
    result = []
    for i, j in sorted(pairs):
        need, helper = needs[i][1], helpers[j]
        result.append((needs[i][0], helper, distance_km(need.lat, need.lon, helper.lat, helper.lon)))
    return result


def greedy(needs, helpers):
    """needs: [(key, Need)]; helpers: [Helper]. The nearest eligible pair first, over and over, within
    capacities. Returns [(key, helper, distance_km)] in the order of needs."""
    if not needs or not helpers:
        return []
    index = _Index(helpers)
    lists = index.lists(needs)
    return _result(needs, helpers, _greedy(lists, index.free).items())


def propose(needs, helpers, nearest=NEAREST):
    """needs: [(key, Need)]; helpers: [Helper]. Returns [(key, helper, distance_km)] in the order of
    needs: the most requests that can be given a helper within capacities, with the least total distance
    over the graph — never worse than `greedy`."""
    if not needs or not helpers:
        return []
    from ortools.graph.python import min_cost_flow

    index = _Index(helpers)
    lists = index.lists(needs)
    picked = _greedy(lists, index.free)
    rows, cols, costs = [], [], []
    for i, (js, cs) in enumerate(lists):
        take = min(nearest, len(js))
        rows.append(np.full(take, i, dtype=np.int64))
        cols.append(js[:take])
        costs.append(cs[:take])
        j = picked.get(i)
        if j is not None and j not in set(js[:take].tolist()):
            position = int(np.flatnonzero(js == j)[0])
            rows.append(np.array([i], dtype=np.int64))
            cols.append(js[position : position + 1])
            costs.append(cs[position : position + 1])
    rows, cols, costs = np.concatenate(rows), np.concatenate(cols), np.concatenate(costs)
    if not len(rows):
        return []
    n = len(needs)
    linked, node = np.unique(cols, return_inverse=True)
    source, sink = n + len(linked), n + len(linked) + 1
    tails = np.concatenate([rows, np.full(n, source), n + np.arange(len(linked))])
    heads = np.concatenate([n + node, np.arange(n), np.full(len(linked), sink)])
    capacities = np.concatenate([np.ones(len(rows) + n, dtype=np.int64), index.free[linked]])
    units = np.concatenate([np.rint(costs * SCALE).astype(np.int64), np.zeros(n + len(linked), dtype=np.int64)])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacities.astype(np.int64), units
    )
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow: status {status}")
    used = flow.flows(np.arange(len(rows), dtype=np.int32)) > 0
    return _result(needs, helpers, zip(rows[used].tolist(), cols[used].tolist(), strict=True))

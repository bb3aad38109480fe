import itertools
import random

import pytest

from core.routing import Candidate, Need, eligible
from helprequests.batch import propose

CODES = ["groceries", "medicines", "firewood"]
PATHS = ["/1/2/", "/1/3/"]


def random_case(rng, n_requests, n_helpers):
    needs = [
        (
            i,
            Need(
                rng.choice(PATHS) + f"{10 + i}/",
                rng.uniform(55, 55.5),
                rng.uniform(40, 40.5),
                frozenset(rng.sample(CODES, rng.randint(1, 2))),
            ),
        )
        for i in range(n_requests)
    ]
    helpers = [
        Candidate(
            "organization",
            j,
            f"h{j}",
            rng.uniform(55, 55.5),
            rng.uniform(40, 40.5),
            (rng.choice(PATHS),),
            frozenset(rng.sample(CODES, rng.randint(1, 3))),
            rng.randint(0, 1),
            rng.randint(1, 2),
        )
        for j in range(n_helpers)
    ]
    return needs, helpers


def brute_force(needs, helpers):
    """Best (most requests matched, then least distance) over every way to assign, within capacities."""
    options = []
    for _, need in needs:
        options.append([None] + [h for h in helpers if eligible(need, h)[0]])
    best = (0, 0.0)
    for combo in itertools.product(*options):
        used = {}
        for h in combo:
            if h is not None:
                used[h.id] = used.get(h.id, 0) + 1
        if any(used[h.id] > h.capacity - h.load for h in helpers if h.id in used):
            continue
        matched = sum(h is not None for h in combo)
        distance = sum(eligible(need, h)[1] for (_, need), h in zip(needs, combo, strict=True) if h is not None)
        if (matched, -distance) > (best[0], -best[1]):
            best = (matched, distance)
    return best


@pytest.mark.parametrize("seed", range(25))
def test_it_finds_the_optimal_assignment_within_capacities(seed):
    rng = random.Random(seed)
    needs, helpers = random_case(rng, rng.randint(2, 5), rng.randint(1, 4))
    result = propose(needs, helpers)
    per_helper = {}
    for key, helper, _distance in result:
        need = dict(needs)[key]
        assert eligible(need, helper)[0]
        per_helper[helper.id] = per_helper.get(helper.id, 0) + 1
    for helper in helpers:
        assert per_helper.get(helper.id, 0) <= helper.capacity - helper.load
    assert len({key for key, _, _ in result}) == len(result)  # each request at most once
    matched, distance = brute_force(needs, helpers)
    assert len(result) == matched
    assert sum(d for _, _, d in result) == pytest.approx(distance)


def test_it_returns_nothing_when_nobody_is_free():
    needs = [(1, Need("/1/2/", 55.0, 40.0, frozenset({"groceries"})))]
    full = Candidate("organization", 1, "h", 55.0, 40.0, ("/1/",), frozenset({"groceries"}), 3, 3)
    assert propose(needs, [full]) == []

import itertools
import random

import pytest

from core.routing import Helper, Need, eligible
from helprequests.batch import _Index, cost_of, greedy, propose

CODES = ["groceries", "medicines", "firewood"]
PATHS = ["/1/2/", "/1/3/"]


def point(rng, unknown=0.0):
    return (None, None) if rng.random() < unknown else (rng.uniform(55, 55.5), rng.uniform(40, 40.5))


def random_case(rng, n_requests, n_helpers, unknown=0.0):
    """Organizations serving a district and volunteers serving a settlement or their reach; some points
    unknown when asked."""
    needs = [
        (
            i,
            Need(
                rng.choice(PATHS) + f"{10 + i % 7}/",
                *point(rng, unknown),
                frozenset(rng.sample(CODES, rng.randint(1, 2))),
            ),
        )
        for i in range(n_requests)
    ]
    helpers = []
    for j in range(n_helpers):
        volunteer = rng.random() < 0.5
        served = (rng.choice(PATHS) + f"{10 + rng.randrange(7)}/",) if volunteer else (rng.choice(PATHS),)
        capacity = rng.randint(1, 2)
        helpers.append(
            Helper(
                "volunteer" if volunteer else "organization",
                j,
                f"h{j}",
                *point(rng, unknown),
                served,
                frozenset(rng.sample(CODES, rng.randint(1, 3))),
                rng.randint(0, 1),
                capacity,
                reach_km=rng.choice([3, 10, 25]) if volunteer else None,
            )
        )
    return needs, helpers


def total(result):
    return sum(cost_of(d) for _, _, d in result)


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
        distance = sum(
            cost_of(eligible(need, h)[1]) for (_, need), h in zip(needs, combo, strict=True) if h is not None
        )
        if (matched, -distance) > (best[0], -best[1]):
            best = (matched, distance)
    return best


@pytest.mark.parametrize("seed", range(25))
def test_it_finds_the_optimal_assignment_within_capacities(seed):
    rng = random.Random(seed)
    needs, helpers = random_case(rng, rng.randint(2, 5), rng.randint(1, 5), unknown=0.15 if seed % 2 else 0.0)
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
    assert total(result) == pytest.approx(distance)


def test_it_returns_nothing_when_nobody_is_free():
    needs = [(1, Need("/1/2/", 55.0, 40.0, frozenset({"groceries"})))]
    full = Helper("organization", 1, "h", 55.0, 40.0, ("/1/",), frozenset({"groceries"}), 3, 3)
    assert propose(needs, [full]) == []


@pytest.mark.parametrize("seed", range(10))
def test_it_finds_exactly_the_helpers_the_routing_rule_accepts(seed):
    rng = random.Random(100 + seed)
    needs, helpers = random_case(rng, 30, 60, unknown=0.1)
    odd = Helper("organization", 99, "odd", 55.2, 40.2, ("/1/2",), frozenset(CODES), 0, 3)  # no final '/'
    helpers.append(odd)
    lists = _Index(helpers).lists(needs)
    for (_key, need), (js, costs) in zip(needs, lists, strict=True):
        expected = {j for j, h in enumerate(helpers) if eligible(need, h)[0]}
        assert set(js.tolist()) == expected
        assert list(costs) == sorted(costs)
        for j, c in zip(js.tolist(), costs.tolist(), strict=True):
            assert c == pytest.approx(cost_of(eligible(need, helpers[j])[1]))


@pytest.mark.parametrize("seed", range(3))
def test_it_is_never_worse_than_greedy_on_large_random_cases(seed):
    rng = random.Random(1000 + seed)
    needs, helpers = random_case(rng, 500, 2000, unknown=0.02)
    result, plain = propose(needs, helpers), greedy(needs, helpers)
    assert len(result) >= len(plain)
    if len(result) == len(plain):
        assert total(result) <= total(plain) + 1e-6
    per_helper = {}
    for _key, helper, _distance in result:
        per_helper[helper.id] = per_helper.get(helper.id, 0) + 1
    assert all(per_helper.get(h.id, 0) <= h.capacity - h.load for h in helpers)


def test_it_is_never_worse_than_greedy_with_a_short_list_of_helpers():
    rng = random.Random(7)
    needs, helpers = random_case(rng, 200, 300)
    plain = greedy(needs, helpers)
    for nearest in (1, 2, 5):
        result = propose(needs, helpers, nearest=nearest)
        assert (len(result), -total(result)) >= (len(plain), -total(plain) - 1e-6)


def test_it_is_deterministic():
    rng = random.Random(3)
    needs, helpers = random_case(rng, 300, 500, unknown=0.05)
    first = [(k, h.id, d) for k, h, d in propose(needs, helpers)]
    assert first == [(k, h.id, d) for k, h, d in propose(list(needs), list(helpers))]
    assert first == sorted(first, key=lambda row: row[0])  # in the order of the requests


def test_greedy_gives_the_nearest_free_helper_first():
    needs = [
        (1, Need("/1/2/10/", 55.0, 40.0, frozenset({"groceries"}))),
        (2, Need("/1/2/10/", 55.1, 40.0, frozenset({"groceries"}))),
    ]
    helper = Helper("organization", 5, "h", 55.1, 40.0, ("/1/",), frozenset({"groceries"}), 0, 1)
    far = Helper("organization", 6, "far", 55.4, 40.0, ("/1/",), frozenset({"groceries"}), 0, 1)
    assert [(k, h.id) for k, h, _ in greedy(needs, [helper, far])] == [(1, 6), (2, 5)]
    # the optimum gives the same total here; both requests are served either way
    assert len(propose(needs, [helper, far])) == 2

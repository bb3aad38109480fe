from core.routing import Helper, Need, suggest

VILLAGE, DISTRICT, ELSEWHERE = "/1/2/3/", "/1/2/", "/1/9/"
NEED = Need(VILLAGE, 55.0, 40.0, frozenset({"groceries", "medicines"}))
BOTH = frozenset({"groceries", "medicines", "cleaning"})


def org(pid, lat=55.0, lon=40.0, served=(DISTRICT,), codes=BOTH, load=0, capacity=5, accepted=0, declined=0):
    return Helper("organization", pid, f"org{pid}", lat, lon, served, codes, load, capacity, accepted, declined)


def ids(suggestions):
    return [s.helper.id for s in suggestions]


def test_it_leaves_out_a_helper_missing_one_needed_service():
    assert ids(suggest(NEED, [org(1, codes=frozenset({"groceries"})), org(2)])) == [2]


def test_it_leaves_out_a_helper_that_does_not_serve_the_territory():
    assert ids(suggest(NEED, [org(1, served=(ELSEWHERE,)), org(2)])) == [2]


def test_it_leaves_out_a_helper_at_capacity():
    assert ids(suggest(NEED, [org(1, load=5, capacity=5), org(2, load=4, capacity=5)])) == [2]


def test_it_puts_the_nearest_first():
    far, near = org(1, lat=55.3), org(2, lat=55.05)
    assert ids(suggest(NEED, [far, near])) == [2, 1]


def test_it_prefers_the_less_loaded_at_the_same_distance():
    busy, free = org(1, load=4, capacity=5), org(2, load=1, capacity=5)
    assert ids(suggest(NEED, [busy, free])) == [2, 1]


def test_it_prefers_the_better_acceptance_record_when_distance_and_load_tie():
    picky, reliable = org(1, accepted=1, declined=3), org(2, accepted=9, declined=1)
    result = suggest(NEED, [picky, reliable])
    assert ids(result) == [2, 1]
    assert "принимает 90% направлений (9 из 10)" in result[0].reasons


def test_it_explains_each_rank():
    reasons = suggest(NEED, [org(1, lat=55.1, load=2, capacity=5)])[0].reasons
    assert reasons[1] == "11.1 км от подопечного" and reasons[2] == "загрузка 2 из 5"
    assert reasons[3] == "направлений ещё не было"


def test_it_lets_a_volunteer_help_within_their_radius_outside_their_territory():
    near = Helper("volunteer", 7, "Вера", 55.02, 40.0, (ELSEWHERE,), BOTH, 0, 3, reach_km=5)
    far = Helper("volunteer", 8, "Петр", 55.2, 40.0, (ELSEWHERE,), BOTH, 0, 3, reach_km=5)
    assert ids(suggest(NEED, [near, far])) == [7]

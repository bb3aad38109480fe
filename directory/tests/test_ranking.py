from directory.ranking import Helper, Place, rank

REGION, DISTRICT, VILLAGE, OTHER = "/1/", "/1/2/", "/1/2/3/", "/1/9/10/"
HERE = Place(3, "Ключи", VILLAGE, 55.0, 40.0)


def helper(pid, lat, lon, served, codes, name=None):
    return Helper(pid, name or f"org{pid}", lat, lon, tuple(served), frozenset(codes))


def test_it_orders_by_distance_when_nobody_covers_the_locality():
    far = helper(1, 55.5, 40.0, [OTHER], {"groceries"})
    near = helper(2, 55.1, 40.0, [OTHER], {"groceries"})
    hits = rank(HERE, [far, near], {"groceries"})
    assert [h.helper.id for h in hits] == [2, 1]
    assert round(hits[0].distance_km) == 11 and round(hits[1].distance_km) == 56


def test_it_ranks_a_region_wide_service_among_the_near_ones():
    regional = helper(1, 56.0, 41.0, [REGION], {"legal_aid"})  # office 130 km away, serves the whole region
    nearby_outside = helper(2, 55.05, 40.0, [OTHER], {"legal_aid"})
    hits = rank(HERE, [nearby_outside, regional], {"legal_aid"})
    assert [h.helper.id for h in hits] == [1, 2]
    assert hits[0].covers_locality and hits[0].distance_km == 0.0 and hits[0].office_distance_km > 100


def test_it_breaks_ties_between_covering_helpers_by_office_distance():
    district = helper(1, 55.3, 40.0, [DISTRICT], {"firewood"})
    village = helper(2, 55.01, 40.0, [VILLAGE], {"firewood"})
    assert [h.helper.id for h in rank(HERE, [district, village], {"firewood"})] == [2, 1]


def test_it_leaves_out_helpers_without_the_needed_service():
    hits = rank(HERE, [helper(1, 55.0, 40.0, [VILLAGE], {"repairs"})], {"groceries", "medicines"})
    assert hits == []


def test_it_lists_everyone_with_no_need_given_and_no_radius_cut_off():
    very_far = helper(1, 43.0, 131.0, [OTHER], {"repairs"})  # Vladivostok
    assert [h.helper.id for h in rank(HERE, [very_far])] == [1]


def test_it_puts_helpers_without_a_point_last():
    unknown = helper(1, None, None, [OTHER], {"groceries"}, name="a")
    known = helper(2, 56.0, 41.0, [OTHER], {"groceries"}, name="b")
    hits = rank(HERE, [unknown, known], {"groceries"})
    assert [h.helper.id for h in hits] == [2, 1] and hits[1].distance_km is None

"""#12: volunteers are looked up inside the box of the widest reach first (indexes `volunteer_reach_box`,
`volunteer_widest_reach`) — the same suggestions as over every helper, and a condition the index can answer."""

import random

import pytest
from django.db import connection

from core.routing import Need, suggest
from directory.models import Organization
from helprequests import helpers
from helprequests.tests.test_helpers_for import _world
from volunteers.models import Volunteer


def _needs(rng, settlements, codes, count):
    for _ in range(count):
        place = rng.choice(settlements)
        yield Need(
            place.path,
            place.lat + rng.uniform(-0.2, 0.2),
            place.lon + rng.uniform(-0.2, 0.2),
            frozenset(c.code for c in rng.sample(codes, rng.randint(0, 1))),
        )


@pytest.mark.parametrize("seed", range(3))
def test_it_suggests_the_same_helpers_when_every_reach_is_short(db, seed):
    """With no reach over the cap the outer box is narrow in latitude and longitude (the fixture of
    test_helpers_for always has one 300 km reach, which widens it to the whole earth)."""
    rng = random.Random(seed)
    settlements, codes = _world(rng)
    for volunteer in Volunteer.objects.all():
        Volunteer.objects.filter(pk=volunteer.pk).update(area_radius_km=rng.choice([1, 5, 10, 20]))
    everyone = helpers.load_helpers(Organization.objects.all(), Volunteer.objects.all())
    compared = 0
    for need in _needs(rng, settlements, codes, 15):
        expected = suggest(need, everyone)
        assert suggest(need, helpers.helpers_for(need)) == expected
        compared += len(expected)
    assert compared


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan of PostgreSQL")
def test_postgresql_can_read_the_volunteers_in_reach_through_the_box_index(db):
    """The reach condition of the helpers query, on its own, is answered through `volunteer_reach_box`.
    (The whole query's plan also weighs joins whose estimates depend on what the table held before in this
    worker: asserting on it failed one full run in two.)"""
    rng = random.Random(1)
    settlements, codes = _world(rng)
    need = next(_needs(rng, settlements, codes, 1))
    _sql, _params, tables = helpers._sql(need)
    reach, reach_params = helpers._reach(need, tables)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + tables["vol"])
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: ask whether the index can be used at all
        cursor.execute(
            f"EXPLAIN SELECT v.id FROM {tables['vol']} v WHERE v.is_active = %s AND {reach}", [True, *reach_params]
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "volunteer_reach_box" in plan

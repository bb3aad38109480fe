"""#12: one request's suggestions ask the database only for helpers the routing rule could accept — the same
suggestions as over every helper, in a fixed number of queries."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import ServiceCategory
from core.routing import Need, suggest
from directory.models import Organization, OrganizationService
from helprequests.helpers import _box, helpers_for, load_helper, load_helpers
from helprequests.models import LOADING, HelpRequest
from helprequests.services import request_create
from people.models import Beneficiary
from territories.models import Territory
from volunteers.models import Volunteer

STATUSES = [*LOADING, "new", "closed"]


def _world(rng):
    T = Territory.Kind
    region = Territory.objects.create(name="Случайная область", kind=T.REGION, lat=56.0, lon=41.0)
    districts, settlements = [], []
    for d in range(3):
        district = Territory.objects.create(
            name=f"Район {d}", kind=T.DISTRICT, parent=region, lat=56.0 + d * 0.2, lon=41.0 + d * 0.3
        )
        districts.append(district)
        for s in range(2):
            settlements.append(
                Territory.objects.create(
                    name=f"Село {d}-{s}",
                    kind=T.SETTLEMENT,
                    parent=district,
                    lat=district.lat + rng.uniform(-0.1, 0.1),
                    lon=district.lon + rng.uniform(-0.1, 0.1),
                )
            )
    codes = list(ServiceCategory.objects.order_by("pk")[:4])
    person = Beneficiary.objects.create(full_name="Загрузкина Зоя", territory=settlements[0])
    loads = []
    for i in range(25):
        home = rng.choice(settlements)
        org = Organization.objects.create(
            name=f"Организация {i % 20}",
            kind="ngo",
            territory=home,
            lat=None if rng.random() < 0.15 else home.lat + rng.uniform(-0.05, 0.05),
            lon=home.lon + rng.uniform(-0.05, 0.05),
            capacity=rng.randint(1, 3),
            verified_at=None if rng.random() < 0.15 else timezone.now(),
        )
        org.served_territories.set(rng.sample([region, *districts, *settlements], rng.choice([0, 1, 1, 2])))
        for category in rng.sample(codes, rng.randint(1, 3)):
            OrganizationService.objects.create(organization=org, category=category)
        loads += [("helper_organization", org)] * rng.randint(0, 3)
    for i in range(30):
        home = rng.choice(settlements)
        placed = rng.random() > 0.15
        volunteer = Volunteer.objects.create(
            full_name=f"Волонтёр {i % 25}",
            age_group="adult",
            territory=home,
            lat=home.lat + rng.uniform(-0.3, 0.3) if placed else None,
            lon=home.lon + rng.uniform(-0.4, 0.4) if placed else None,
            area_radius_km=rng.choice([1, 5, 10, 20, 300]),
            max_load=rng.randint(1, 3),
            is_active=rng.random() > 0.15,
        )
        volunteer.skills.set(rng.sample(codes, rng.randint(1, 3)))
        loads += [("helper_volunteer", volunteer)] * rng.randint(0, 3)
    for field, helper in loads:
        request = request_create(beneficiary=person, channel="hotline", needs=[codes[0]])
        HelpRequest.objects.filter(pk=request.pk).update(status=rng.choice(STATUSES), **{field: helper})
    return settlements, codes


@pytest.mark.parametrize("seed", range(4))
def test_it_suggests_the_same_helpers_as_over_everyone(db, seed):
    rng = random.Random(seed)
    settlements, codes = _world(rng)
    everyone = load_helpers(Organization.objects.all(), Volunteer.objects.all())  # through the ORM
    assert sorted(load_helpers(), key=str) == sorted(everyone, key=str)  # the written-out SQL, everyone
    compared = 0
    for _ in range(12):
        place = rng.choice(settlements)
        placed = rng.random() > 0.15
        need = Need(
            place.path,
            place.lat + rng.uniform(-0.2, 0.2) if placed else None,
            place.lon + rng.uniform(-0.2, 0.2) if placed else None,
            frozenset(c.code for c in rng.sample(codes, rng.randint(0, 2))),
        )
        expected = suggest(need, everyone)
        with CaptureQueriesContext(connection) as ctx:
            found = helpers_for(need)
        assert len(ctx.captured_queries) <= 2  # the helpers, then their services, territories and skills
        assert suggest(need, found) == expected
        assert len(found) <= len(everyone)
        compared += len(expected)
    assert compared  # the fixture does give suggestions


def test_it_bounds_every_point_within_the_reach():
    rng = random.Random(5)
    from core.geo import distance_km

    for _ in range(2000):
        lat, lon = rng.uniform(-75, 75), rng.uniform(-170, 170)
        reach = rng.choice([1, 5, 50, 200])
        lat_per_km, lon_per_km = _box(lat, lon)
        # a point at exactly the reach in a random direction stays inside the box
        dlat, dlon = rng.uniform(-1, 1), rng.uniform(-1, 1)
        step = 1.0
        while distance_km(lat, lon, lat + dlat * step, lon + dlon * step) > reach:
            step /= 1.05
        p_lat, p_lon = lat + dlat * step, lon + dlon * step
        assert abs(p_lat - lat) <= reach * lat_per_km
        if lon_per_km is not None:
            assert abs(p_lon - lon) <= reach * lon_per_km


def test_it_still_loads_one_helper_by_kind(region):
    assert load_helper("organization", region.org_a.pk).name == region.org_a.name
    assert load_helper("volunteer", region.volunteer_a.pk).name == region.volunteer_a.full_name
    assert load_helper("organization", region.org_b.pk) is None  # not verified


def _page(region):
    url = reverse("helprequests:detail", args=[region.request_a.pk])
    client = region.client("coordinator")
    client.get(url)  # warm: sessions, first-use caches
    with CaptureQueriesContext(connection) as ctx:
        answer = client.get(url)
    return answer, len(ctx.captured_queries)


def test_it_shows_the_suggestions_in_a_fixed_number_of_queries(region):
    region.reset_request_a(status="new")
    groceries = ServiceCategory.objects.get(code="groceries")
    OrganizationService.objects.get_or_create(organization=region.org_a, category=groceries)
    region.volunteer_a.skills.set([groceries])
    answer, before = _page(region)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert region.org_a.name in page and region.volunteer_a.full_name in page
    for n in range(5):  # more helpers, eligible or not, in and out of the territory
        org = Organization.objects.create(
            name=f"Новая НКО {n}", kind="ngo", territory=region.a1 if n % 2 else region.b1, verified_at=timezone.now()
        )
        OrganizationService.objects.create(organization=org, category=groceries)
        volunteer = Volunteer.objects.create(
            full_name=f"Новый Волонтёр {n}", age_group="adult", territory=region.a1, lat=55.12, lon=40.12
        )
        volunteer.skills.set([groceries] if n % 2 else [])
    answer, after = _page(region)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert after == before, f"{before} → {after} queries with 10 more helpers"
    assert "Новая НКО 1" in page and "Новая НКО 3" in page and "Новый Волонтёр 1" in page
    assert "Новая НКО 2" not in page and "Новый Волонтёр 2" not in page

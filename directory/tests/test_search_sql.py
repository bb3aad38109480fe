"""#12: the public search filters and pre-sorts in the database and ranks only the nearest organizations: the same
answer as ranking every public organization in Python, with a query count that does not grow."""

import random

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import ServiceCategory
from directory import search
from directory.models import Organization, OrganizationService
from directory.ranking import rank


def _organizations(region, count, seed=1):
    rng = random.Random(seed)
    now = timezone.now()
    categories = list(ServiceCategory.objects.filter(parent__isnull=False)[:6])
    places = [region.a, region.a1, region.b, region.b1, region.region]
    for n in range(count):
        point = rng.random() < 0.85
        org = Organization.objects.create(
            name=f"Организация {n:03d}",
            kind="ngo",
            territory=rng.choice([region.a1, region.b1]),
            lat=rng.uniform(54.5, 55.5) if point else None,
            lon=rng.uniform(39.5, 40.5) if point else None,
            verified_at=now,
            last_confirmed_at=now,
            is_public=rng.random() < 0.9,
        )
        if rng.random() < 0.5:
            org.served_territories.set(rng.sample(places, rng.randint(1, 2)))
        for category in rng.sample(categories, 2):
            OrganizationService.objects.create(organization=org, category=category)


def _everyone_ranked(locality, code):
    everyone = search.helpers(Organization.objects.publicly_listed())
    return [h.helper.id for h in rank(search.place_of(locality), everyone, search.need_codes(code))]


def test_it_answers_as_ranking_every_organization_would(region):
    _organizations(region, 70)
    codes = [None, *ServiceCategory.objects.filter(parent__isnull=False).values_list("code", flat=True)[:3]]
    codes += list(ServiceCategory.objects.filter(parent__isnull=True).values_list("code", flat=True)[:1])
    for locality in (region.a1, region.b1, region.a, region.region):
        for code in codes:
            found = [h.helper.id for h in search.public_search(locality, code)]
            assert found == _everyone_ranked(locality, code)[: search.PUBLIC_LIMIT], (locality.name, code)


def test_it_asks_the_same_number_of_queries_with_more_organizations_and_says_how_many(region, client):
    def page():
        with CaptureQueriesContext(connection) as queries:
            answer = client.get("/", {"locality": region.a1.name})
        assert answer.status_code == 200
        return len(queries), answer.content.decode()

    _organizations(region, 25, seed=2)
    before, html = page()
    assert html.count('class="result-card"') == search.PUBLIC_LIMIT
    _organizations(region, 40, seed=3)
    after, html = page()
    assert after == before
    assert html.count('class="result-card"') == search.PUBLIC_LIMIT
    total = Organization.objects.publicly_listed().count()
    assert f"Показаны {search.PUBLIC_LIMIT} ближайших из {total}" in html
    api = client.get("/api/v1/public/search", {"locality": region.a1.name})
    assert api.status_code == 200 and len(api.json()["results"]) == search.PUBLIC_LIMIT

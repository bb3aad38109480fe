"""Coverage gaps on a known set (pure) and on the region fixture (page, map, XLSX, API)."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from catalog.models import ServiceCategory
from directory.models import OrganizationService
from exports.testing import fetched
from helprequests.models import HelpRequest
from helprequests.services import request_create
from stats import gap_selectors, gaps


def _demand(territory_id, code, person, source="request", wait=None, waiting=False, path=None, lat=None, lon=None):
    return {
        "territory_id": territory_id,
        "territory": f"Т{territory_id}",
        "territory_path": path or f"/1/{territory_id}/",
        "lat": lat,
        "lon": lon,
        "code": code,
        "need": {"groceries": "Продукты", "medicines": "Лекарства"}[code],
        "source": source,
        "person": person,
        "wait_hours": wait,
        "waiting": waiting,
    }


def test_it_finds_needs_without_a_helper_and_the_longest_waits():
    demand = [
        _demand(2, "groceries", 10, wait=2),
        _demand(2, "groceries", 10, wait=6),
        _demand(2, "groceries", 11, wait=100, waiting=True),
        _demand(2, "medicines", 12, wait=50, waiting=True),
        _demand(3, "medicines", 7, source="family"),
    ]
    helpers = [
        {"codes": {"groceries"}, "paths": ("/1/2/",), "reach_km": None},
        {"codes": {"groceries", "medicines"}, "paths": ("/1/9/",), "lat": 55.0, "lon": 40.0, "reach_km": 5},
    ]
    lines = gaps.coverage(demand, helpers)
    assert [(x["territory_id"], x["code"], x["gap"]) for x in lines] == [
        (2, "medicines", True),  # waits 50 h, nobody offers medicines in T2
        (3, "medicines", True),  # a family marked «Требуется опека», no requests
        (2, "groceries", False),
    ]
    groceries = lines[2]
    assert groceries["requests"] == 3 and groceries["people"] == 2 and groceries["helpers"] == 1
    assert groceries["median_wait_hours"] == 6.0  # 2 6 100
    assert groceries["waiting_now"] == 1
    assert lines[1]["families"] == 1 and lines[1]["requests"] == 0 and lines[1]["median_wait_hours"] is None
    places = gaps.by_territory(lines)
    assert places[0] == {"territory_id": 2, "territory": "Т2", "gap_needs": ["Лекарства"], "longest_wait": 50.0}
    assert gaps.label(places[0]) == "Т2: нет помощника — Лекарства; дольше всего ждут 50 ч"
    assert gaps.label(places[1]) == "Т3: нет помощника — Лекарства"


def test_it_counts_a_volunteer_within_reach_of_a_territory_outside_their_own():
    volunteer = {"codes": {"medicines"}, "paths": ("/1/9/",), "lat": 55.0, "lon": 40.0, "reach_km": 5}
    assert gaps.offers(volunteer, "medicines", "/1/2/", 55.01, 40.01)  # about 1.3 km away
    assert not gaps.offers(volunteer, "medicines", "/1/2/", 56.0, 40.0)  # 111 km away
    assert not gaps.offers(volunteer, "groceries", "/1/9/", 55.0, 40.0)  # does not offer it
    assert not gaps.offers(volunteer, "medicines", "/1/2/", None, None)  # place unknown


def test_it_masks_small_counts_in_gaps():
    line = {"territory": "Село", "need": "Продукты", "requests": 2, "people": 1, "families": 0, "helpers": 1}
    line.update({"waiting_now": 1, "gap": False, "median_wait_hours": 1.5})
    masked = gaps.masked(line)
    assert masked["requests"] == masked["people"] == masked["waiting_now"] == "< 3"
    assert masked["families"] == 0 and masked["helpers"] == 1 and masked["median_wait_hours"] == 1.5


@pytest.fixture
def gaps_region(region):
    """A1: 3 grocery requests (org_a offers groceries there) and 1 medicines request nobody offers.
    B1: 1 grocery request; org_b offers groceries but is not verified → a gap."""
    HelpRequest.objects.all().delete()
    groceries = ServiceCategory.objects.get(code="groceries")
    medicines = ServiceCategory.objects.get(code="medicines")
    OrganizationService.objects.create(organization=region.org_a, category=groceries)
    OrganizationService.objects.create(organization=region.org_b, category=groceries)
    region.volunteer_a.skills.clear()
    now = timezone.now()
    for person, hours in ((region.person_a, 2), (region.person_a2, 4), (region.person_a, 30)):
        received = now - timedelta(days=3)
        request_create(
            beneficiary=person,
            channel="hotline",
            needs=[groceries],
            received_at=received,
            connect_due_at=received + timedelta(hours=72),
            connected_at=received + timedelta(hours=hours),
            status="connected",
        )
    received = now - timedelta(days=2)
    request_create(beneficiary=region.person_a2, channel="hotline", needs=[medicines], received_at=received)
    request_create(beneficiary=region.person_b, channel="hotline", needs=[groceries], received_at=received)
    return region


def test_it_gathers_the_gaps_of_a_region(gaps_region):
    r = gaps_region
    today = timezone.localdate()
    lines = gap_selectors.gaps_for(r.region, today - timedelta(days=29), today)["lines"]
    found = {(x["territory"], x["need"]): x for x in lines}
    medicines = ServiceCategory.objects.get(code="medicines").name
    groceries = ServiceCategory.objects.get(code="groceries").name
    assert found[("Посёлок А1", medicines)]["gap"] is True
    assert found[("Посёлок А1", medicines)]["median_wait_hours"] == 48.0
    assert found[("Село Б1", groceries)]["gap"] is True
    a1 = found[("Посёлок А1", groceries)]
    assert (a1["gap"], a1["helpers"], a1["requests"], a1["people"], a1["median_wait_hours"]) == (False, 1, 3, 2, 4.0)
    assert not lines[-1]["gap"]
    # a district only sees its own subtree
    district = gap_selectors.gaps_for(r.b, today - timedelta(days=29), today)["lines"]
    assert [(x["territory"], x["gap"]) for x in district] == [("Село Б1", True)]


def test_it_shows_the_gaps_page_map_export_and_api(gaps_region):
    r = gaps_region
    client = r.client("analyst")
    html = client.get(reverse("stats:gaps"), {"territory": r.region.pk}).content.decode()
    assert "Узких мест: 2." in html and 'id="gaps-map"' in html and "leaflet.js" in html
    assert "Посёлок А1: нет помощника —" in html
    assert "&lt; 3" in html  # one request in Б1
    geo = client.get(reverse("stats:gaps_map"), {"territory": r.region.pk}).json()
    names = {f["properties"]["name"]: f for f in geo["features"]}
    assert set(names) == {"Посёлок А1", "Село Б1"}
    assert names["Село Б1"]["properties"]["gaps"] == 1
    assert names["Село Б1"]["geometry"]["type"] == "Polygon"  # a circle round the centre: no outline stored
    book = load_workbook(BytesIO(fetched(client, reverse("stats:gaps_export"), {"territory": r.region.pk}).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Территория", "Потребность", "Обращений")
    assert (rows[2][0], rows[2][2], rows[2][6]) == ("Село Б1", "< 3", "нет помощника")
    body = r.api("analyst").get("/api/v1/stats/gaps", {"territory_id": r.region.pk}).json()
    assert body["gaps"] == 2
    assert body["lines"][-1]["requests"] == 3 and body["lines"][-1]["helpers"] == 1
    assert {x["requests"] for x in body["lines"][:2]} == {"< 3"}


def test_it_draws_a_stored_outline_when_the_territory_has_one(gaps_region):
    r = gaps_region
    square = {"type": "Polygon", "coordinates": [[[39.8, 54.8], [40.0, 54.8], [40.0, 55.0], [39.8, 54.8]]]}
    r.b1.boundary = square
    r.b1.save()
    geo = r.client("analyst").get(reverse("stats:gaps_map"), {"territory": r.b.pk}).json()
    assert geo["features"][0]["geometry"] == square
    assert geo["features"][0]["properties"]["short"] == "Село Б1: 1 без помощи"

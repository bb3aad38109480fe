"""The analyst opens the dashboard for a district, switches the period; screenshots at 360 and 1280 px."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import Region, browser_login

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    from catalog.models import ServiceCategory
    from helprequests.models import HelpRequest
    from helprequests.services import request_create

    region = Region()
    HelpRequest.objects.all().delete()
    groceries = list(ServiceCategory.objects.filter(code="groceries"))
    now = timezone.now()
    for days, hours in ((3, 5), (4, 20), (6, 90), (8, 1), (50, 12), (55, 30)):
        received = now - timedelta(days=days)
        request_create(
            beneficiary=region.person_a,
            channel="hotline",
            needs=groceries,
            received_at=received,
            connect_due_at=received + timedelta(hours=72),
            connected_at=received + timedelta(hours=hours),
            status="connected",
        )
    return region


def test_it_shows_a_district_and_switches_the_period(live_region, live_server, browser, artifacts):
    base = live_server.url
    r = live_region
    for width in (1280, 360):
        page = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU").new_page()
        browser_login(page, base, "analyst")
        assert page.locator('header a[data-nav="stats:dashboard"]').count() == 1  # in «Отчёты»
        page.goto(base + "/stats/")
        page.locator("select[name=territory]").select_option(str(r.a.pk))
        page.get_by_role("button", name="Показать").click()
        assert page.locator("h1").inner_text() == "Статистика для решений: Район А"
        requests = page.locator('tr[data-figure="requests"] td')
        assert requests.nth(0).inner_text() == "4"  # the last 30 days
        assert requests.nth(1).inner_text() == "< 3"  # the 30 days before
        page.wait_for_function("document.getElementById('stats-chart').width > 0")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"stats-dashboard-{width}.png"), full_page=True)
        today = timezone.localdate()
        page.locator("input[name=date_from]").fill((today - timedelta(days=59)).isoformat())
        page.get_by_role("button", name="Показать").click()
        assert page.locator('tr[data-figure="requests"] td').nth(0).inner_text() == "6"
        assert "Район А" in page.locator("h1").inner_text()
        page.context.close()

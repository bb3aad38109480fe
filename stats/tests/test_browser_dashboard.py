"""The analyst opens the dashboard for a district, switches the period, sees the charts and the gaps map,
downloads the PDF; screenshots at 360 and 1280 px (no sideways scroll on a phone)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import Region, browser_login
from exports.testing import downloaded

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
        # drawn by Chart.js (it sizes the canvas); no string evaluation: the CSP forbids eval
        page.locator("#chart-territories[style*='width']").wait_for()
        page.locator("#chart-needs[style*='width']").wait_for()
        alt = page.locator("#chart-territories").get_attribute("aria-label")
        assert alt.startswith("Столбчатая диаграмма «Обращения по территориям»: Посёлок А1 — 4")
        assert page.locator('[data-programme="phone"]').is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"stats-dashboard-{width}.png"), full_page=True)
        today = timezone.localdate()
        page.locator("input[name=date_from]").fill((today - timedelta(days=59)).isoformat())
        page.get_by_role("button", name="Показать").click()
        assert page.locator('tr[data-figure="requests"] td').nth(0).inner_text() == "6"
        assert "Район А" in page.locator("h1").inner_text()
        here = page.url
        pdf, name = downloaded(page, page.locator("a[data-pdf]").click)  # built by the worker (#12)
        assert name.endswith(".pdf") and pdf[:5] == b"%PDF-"
        page.goto(here)
        page.get_by_role("link", name="Узкие места").click()
        assert page.locator("h1").inner_text() == "Узкие места: Район А"
        assert page.locator("input[name=date_from]").input_value() == (today - timedelta(days=59)).isoformat()
        page.locator("#gaps-map[data-features='1']").wait_for()
        tip = page.locator(".stats-gaps-tip").first
        assert tip.inner_text() == "Посёлок А1: 1 без помощи"  # the label, readable without colour
        assert page.locator("table.stats-gaps tr.stats-gap").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"stats-gaps-{width}.png"), full_page=True)
        page.context.close()

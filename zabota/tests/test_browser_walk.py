"""#9: the volunteer's and the operator's daily pages on a 360 px phone — nothing scrolls sideways,
the phone number and «Связаться до» stay visible; screenshots in test-artifacts/ to look at."""

import pytest
from django.urls import reverse

from conftest import Region, browser_login

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    from catalog.models import ServiceCategory
    from helprequests import services
    from helprequests.services import request_create

    region = Region()
    groceries = ServiceCategory.objects.get(code="groceries")
    region.volunteer_a.skills.set([groceries])
    region.request_vol = request_create(
        beneficiary=region.person_a,
        channel="hotline",
        needs=[groceries],
        description="Купить продукты и лекарства по списку, занести до обеда",
    )
    services.request_assign(
        help_request=region.request_vol,
        helper_type="volunteer",
        helper_id=region.volunteer_a.pk,
        actor=region.users["operator"],
        how="dispatch",
    )
    return region


def _walk(page, base, pages, artifacts, prefix):
    wide = {}
    for name, url in pages:
        page.goto(base + url)
        page.screenshot(path=str(artifacts / f"walk-{prefix}-{name}-360.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[name] = width
    return wide


def test_the_volunteers_pages_fit_a_phone(live_region, live_server, browser, artifacts):
    r = live_region
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    browser_login(page, live_server.url, "volunteer")
    pages = [
        ("home", reverse("staff_home")),
        ("tasks", reverse("helprequests:mine")),
        ("request", reverse("helprequests:detail", args=[r.request_vol.pk])),
        ("today", reverse("phone:today")),
        ("my-people", reverse("phone:mine")),
        ("call", reverse("phone:call", args=[r.enrolment_a.pk])),
    ]
    wide = _walk(page, live_server.url, pages, artifacts, "volunteer")
    assert not wide, f"pages wider than 360 px: {wide}"
    page.goto(live_server.url + reverse("helprequests:mine"))
    phone = page.locator(".task-card .task-phone").first
    box = phone.bounding_box()
    assert box["x"] + box["width"] <= 360 and box["height"] >= 24


def test_the_operators_pages_fit_a_phone(live_region, live_server, browser, artifacts):
    r = live_region
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    browser_login(page, live_server.url, "operator")
    queue = reverse("helprequests:list")
    pages = [
        ("home", reverse("staff_home")),
        ("queue", queue + "?queue=open"),
        ("queue-followups", queue + "?queue=followups"),
        ("request", reverse("helprequests:detail", args=[r.request_a.pk])),
        ("intake", reverse("helprequests:create")),
        ("followup", reverse("helprequests:followup", args=[r.followup_a.pk])),
        ("people", reverse("people:list")),
        ("person", reverse("people:detail", args=[r.person_a.pk])),
    ]
    wide = _walk(page, live_server.url, pages, artifacts, "operator")
    assert not wide, f"pages wider than 360 px: {wide}"
    page.goto(live_server.url + queue + "?queue=open")
    due = page.locator("table.queue td.due").first
    box = due.bounding_box()
    assert due.is_visible() and box["x"] + box["width"] <= 360, box  # «Связаться до» seen without scrolling
    assert "Связаться до" in due.evaluate("el => getComputedStyle(el, '::before').content")
    page.goto(live_server.url + reverse("helprequests:detail", args=[r.request_a.pk]))
    tel = page.locator('dd a[href^="tel:"]').first
    assert tel.bounding_box()["height"] < 40  # one line: the number never wraps
    title = page.locator("h1 .nowrap")
    assert title.bounding_box()["height"] < 60
    page.goto(live_server.url + reverse("helprequests:followup", args=[r.followup_a.pk]))
    call = page.locator('a[role="button"][href^="tel:"]')
    assert call.evaluate("el => el.scrollWidth <= el.clientWidth")  # «Позвонить +7 …» not cut off
    number = call.locator(".phone").bounding_box()
    assert number["height"] < 40 and number["x"] + number["width"] <= 360

"""#11 in headless Chromium at 360 px: a coordinator sees «Кто просматривал» on the person page, asks for the
subject's report, watches the status page and downloads the PDF."""

import io
from pathlib import Path

import pypdf
import pytest
from django.urls import reverse

from conftest import Region, browser_login

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    region = Region()
    region.users["operator"].first_name, region.users["operator"].last_name = "Ольга", "Операторова"
    region.users["operator"].save()
    region.client("operator").get(reverse("people:list"))  # the operator saw person_a in the list
    return region


def _fits(page):
    page.wait_for_load_state()  # a click may still be navigating: measure the page it lands on
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_it_shows_readers_and_hands_over_the_report(live_region, live_server, browser, artifacts):
    person = live_region.person_a
    base = live_server.url
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU", accept_downloads=True)
    page = context.new_page()
    browser_login(page, base, "coordinator")
    page.goto(f"{base}/people/{person.pk}/")
    box = page.locator("section.readers-box")
    box.scroll_into_view_if_needed()
    assert "Ольга Операторова" in box.inner_text() and "Подопечные: список" in box.inner_text()
    _fits(page)
    box.screenshot(path=str(artifacts / "privacy-readers-box-360.png"))

    box.get_by_role("link", name="Все просмотры").click()
    assert "Кто просматривал данные" in page.locator("h1").inner_text()
    _fits(page)
    page.screenshot(path=str(artifacts / "privacy-readers-360.png"), full_page=True)

    page.goto(f"{base}/people/{person.pk}/")
    page.locator("section.readers-box").get_by_role("button", name="Справка субъекту (ст. 14)").click()
    page.get_by_role("button", name="Подготовить справку").wait_for()
    _fits(page)
    page.screenshot(path=str(artifacts / "privacy-report-start-360.png"), full_page=True)
    page.get_by_role("button", name="Подготовить справку").click()
    page.get_by_role("button", name="Скачать PDF").wait_for()
    _fits(page)
    page.screenshot(path=str(artifacts / "privacy-report-ready-360.png"), full_page=True)
    with page.expect_download() as info:
        page.get_by_role("button", name="Скачать PDF").click()
    content = Path(info.value.path()).read_bytes()
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(io.BytesIO(content)).pages)
    assert person.full_name in text and "Ольга Операторова" in text and "НКО Района А" in text
    context.close()

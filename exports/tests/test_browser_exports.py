"""#12 in headless Chromium at 360 px: a coordinator presses «Выгрузить в XLSX» on the people list, lands on
the export's status page («Готовится…» while the worker has not run), sees it turn into «Скачать» by itself
(htmx polling) once the worker built the file, downloads it and finds it in «Мои выгрузки»."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import Region, browser_login, browser_menu
from exports import services
from exports.models import Export
from exports.periodic import fail_stuck_exports

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # a worker, not the request
    return Region()


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_it_queues_the_export_and_hands_over_the_file(live_region, live_server, browser, artifacts):
    base = live_server.url
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU", accept_downloads=True)
    page = context.new_page()
    browser_login(page, base, "coordinator")
    page.goto(f"{base}/people/")
    page.get_by_role("button", name="Выгрузить в XLSX").click()
    page.get_by_text("Готовится…").wait_for()
    export = Export.objects.get()
    assert page.url == f"{base}/exports/{export.pk}/" and export.status == Export.Status.QUEUED
    _fits(page)
    page.screenshot(path=str(artifacts / "exports-queued-360.png"), full_page=True)

    services.export_build(export_id=export.pk)  # what the worker does
    download = page.get_by_role("button", name="Скачать")
    download.wait_for(timeout=15_000)  # the status block polls every 2 s
    _fits(page)
    page.screenshot(path=str(artifacts / "exports-ready-360.png"), full_page=True)
    with page.expect_download() as info:
        download.click()
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    names = {row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert names == {live_region.person_a.full_name, live_region.person_a2.full_name}

    # a statistics export whose worker died: periodic marks it failed after 30 minutes
    page.goto(f"{base}/stats/")
    page.goto(f"{base}/stats/territories.xlsx")
    stuck = Export.objects.get(kind="stats_territories")
    Export.objects.filter(pk=stuck.pk).update(status="running", created_at=stuck.created_at - timedelta(minutes=31))
    fail_stuck_exports()
    browser_menu(page, "Мои выгрузки")  # the staff menu's item, opened from «Меню» at 360 px
    page.wait_for_url(f"{base}/exports/")
    table = page.locator("table").inner_text()
    assert "Подопечные" in table and "Статистика по территориям" in table and "Не удалась" in table
    _fits(page)
    page.screenshot(path=str(artifacts / "exports-list-360.png"), full_page=True)
    page.goto(f"{base}/exports/{stuck.pk}/")
    assert "Выгрузка не удалась, запустите её снова" in page.content()
    _fits(page)
    page.screenshot(path=str(artifacts / "exports-failed-360.png"), full_page=True)
    context.close()

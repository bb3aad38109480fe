"""A community manager (the coordinator) creates a community, fills the minimum canvas, logs an interaction
with a next step, sees it on the desk and downloads the canvas PDF."""

import io
from datetime import timedelta
from pathlib import Path

import pypdf
import pytest
from django.utils import timezone

from conftest import Region, browser_login, browser_menu
from exports.testing import downloaded

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "zabota" / "tests" / "assets" / "axe.min.js"


@pytest.fixture
def live_region(transactional_db, live_server):
    from django.core.cache import cache

    cache.clear()
    return Region()


def serious_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)"""
    )


def test_it_takes_a_community_from_creation_to_the_desk(live_region, live_server, browser, artifacts):
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU", bypass_csp=True)
    page = context.new_page()
    browser_login(page, base, "coordinator")
    browser_menu(page, "Сообщества")  # #9: the menu is grouped
    page.get_by_role("button", name="Добавить сообщество").first.click()
    page.locator("#id_name").fill("Инициативная группа «Тёплый двор»")
    page.locator("#id_form").select_option("initiative")
    page.locator("#id_territory").select_option(str(live_region.a1.pk))
    page.get_by_label("Население / общность людей").select_option("2")
    page.get_by_label("Появление активистов среди жителей").check()
    page.get_by_role("button", name="Сохранить").click()
    assert "Инициативная группа «Тёплый двор»" in page.locator("h1").inner_text()
    assert serious_violations(page) == []

    page.get_by_role("link", name="«Минимально жизнеспособное» сообщество").click()
    page.get_by_role("button", name="Заполнить канву").click()
    page.get_by_label("1. Цель. Зачем существует сообщество?").fill("Чтобы никто из старших во дворе не был одинок")
    page.get_by_label("3. Ценности", exact=False).fill("Доверие\nСоседство\nЗабота\nОткрытость")
    page.get_by_role("button", name="Сохранить версию").click()
    assert "Ценностей должно быть ровно 3" in page.content()
    page.get_by_label("3. Ценности", exact=False).fill("Доверие\nСоседство\nЗабота")
    page.get_by_label("4. Определение успеха: метрика 1").fill("Старших на встречах")
    page.get_by_label("Цель метрики 1 через 12 месяцев").fill("25")
    page.get_by_role("button", name="Сохранить версию").click()
    assert "версия 1" in page.locator(".messages").inner_text()
    assert "Чтобы никто из старших во дворе не был одинок" in page.locator(".canvas-grid").inner_text()
    page.get_by_label("Значение").fill("8")
    page.get_by_role("button", name="Добавить измерение").click()
    page.wait_for_selector("#metrics-chart")
    canvas_url = page.url
    page.screenshot(path=str(artifacts / "community-canvas-1280.png"), full_page=True)

    press = page.get_by_role("button", name="Скачать PDF").click
    pdf, _name = downloaded(page, press, artifacts / "community-canvas-export.png")  # built by the worker (#12)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Чтобы никто из старших во дворе не был одинок" in text
    page.goto(canvas_url)

    page.get_by_role("link", name="← Инициативная группа «Тёплый двор»").click()
    page.get_by_role("button", name="Записать взаимодействие").click()
    page.get_by_label("Формат").select_option("focus_group")
    page.get_by_label("Тема").fill("Что мешает выходить из дома")
    page.get_by_label("Участников").fill("7")
    page.get_by_label("Следующий шаг").fill("Договориться с управляющей компанией о скамейках")
    page.get_by_label("Срок").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Сохранить").click()
    assert "Взаимодействие записано" in page.locator(".messages").inner_text()

    page.goto(base + "/communities/desk/")
    steps = page.locator("#next-steps").inner_text()
    assert "Договориться с управляющей компанией о скамейках" in steps
    assert serious_violations(page) == []
    page.screenshot(path=str(artifacts / "community-desk-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=str(artifacts / "community-desk-360.png"), full_page=True)
    page.goto(canvas_url)
    page.screenshot(path=str(artifacts / "community-canvas-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()

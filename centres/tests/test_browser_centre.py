"""Desk staff on a tablet record three one-off services, create a master class, mark attendance on a
360 px phone and print the results report; a resident finds the event on the public page."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from conftest import Region, browser_login
from exports.testing import downloaded

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "zabota" / "tests" / "assets" / "axe.min.js"


def serious_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)"""
    )


@pytest.fixture
def live_region(transactional_db, live_server):
    return Region()


def _context(browser, width, height):
    return browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU", bypass_csp=True)


def test_it_runs_a_day_at_the_centre(live_region, live_server, browser, artifacts):
    r, base = live_region, live_server.url
    centre = r.centre_a
    tablet = _context(browser, 1024, 768)
    page = tablet.new_page()
    browser_login(page, base, "org_staff")
    page.goto(f"{base}/centres/{centre.pk}/desk/")
    # 1: anonymous, paid printing, came because of the sign
    page.get_by_label("Печать документов").check()
    page.get_by_label("75 и старше").check()
    page.get_by_label("Платно").check()
    page.get_by_label("Сумма, ₽ (пусто — по цене центра)").fill("40")
    page.get_by_label("Вывеска").check()
    page.get_by_role("button", name="Записать").click()
    page.wait_for_selector("text=Записано: Печать документов — анонимно.")
    # 2: a person from the base, groceries by the volunteer
    page.get_by_label("Продукты").check()
    page.get_by_label("Человек из базы").fill(f"{r.person_a.full_name} (№{r.person_a.pk})")
    page.get_by_label("Волонтёр").select_option(str(r.volunteer_a.pk))
    page.get_by_label("Рекомендация").check()
    page.get_by_role("button", name="Записать").click()
    page.wait_for_selector(f"text=Записано: Продукты — {r.person_a.full_name}.")
    # 3: anonymous free printing; then a mistake (future date) is refused and nothing saved
    page.get_by_label("Печать документов").check()
    page.get_by_label("65–74").check()
    page.get_by_role("button", name="Записать").click()
    page.wait_for_selector("text=Сегодня: 4")  # the fixture's visit and our three
    page.get_by_label("Печать документов").check()
    page.get_by_label("Дата").fill((timezone.localdate() + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Записать").click()
    page.wait_for_selector("text=Дата посещения не может быть в будущем.")
    assert page.locator("h2", has_text="Сегодня: 4").count() == 1
    page.screenshot(path=str(artifacts / "centre-desk-tablet.png"), full_page=True)
    page.goto(f"{base}/centres/{centre.pk}/desk/")
    page.get_by_role("button", name="Превратить в обращение").first.click()
    page.wait_for_selector("text=дальше — обычным порядком")

    # a master class for two people
    page.goto(f"{base}/centres/{centre.pk}/events/new/")
    page.get_by_label("Вид").select_option("master_class")
    page.get_by_label("Название").fill("Мастер-класс: открытки своими руками")
    starts = timezone.localtime() + timedelta(hours=1)
    page.get_by_label("Дата и время").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Мест (пусто — без ограничения)").fill("2")
    page.get_by_role("button", name="Создать").click()
    page.wait_for_selector("h1:has-text('Мастер-класс: открытки своими руками')")
    event_url = page.url
    page.get_by_label("Записать человека из базы").fill(f"{r.person_a.full_name} (№{r.person_a.pk})")
    page.get_by_role("button", name="Записать", exact=True).click()
    page.wait_for_selector("text=Записали.")
    tablet.close()

    phone = _context(browser, 360, 740)
    page = phone.new_page()
    browser_login(page, base, "org_staff")
    page.goto(event_url)
    page.get_by_label(r.person_a.full_name).check()
    page.get_by_label("Пришли без записи / без данных (число)").fill("2")
    page.get_by_role("button", name="Сохранить посещаемость").click()
    page.wait_for_selector("text=Мест 2, а отмечено 3")
    page.get_by_label(r.person_a.full_name).check()
    page.get_by_label("Пришли без записи / без данных (число)").fill("2")
    page.get_by_label("Да, больше мест — подтверждаю").check()
    page.get_by_role("button", name="Сохранить посещаемость").click()
    page.wait_for_selector("text=Посещаемость сохранена.")
    assert "пришло: 3" in page.locator(".kpi-line").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "centre-attendance-360.png"), full_page=True)

    page.goto(f"{base}/centres/{centre.pk}/report/")
    assert page.locator(".report-table").first.is_visible()
    shot = artifacts / "centre-report-pdf-export-360.png"
    pdf, _name = downloaded(page, page.get_by_role("button", name="PDF", exact=True).click, shot)  # worker (#12)
    assert pdf[:4] == b"%PDF"
    page.goto(f"{base}/centres/{centre.pk}/report/")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 800, "height": 1100})
    page.screenshot(path=str(artifacts / "centre-report-print.png"), full_page=True)
    phone.close()

    resident = _context(browser, 360, 740)
    page = resident.new_page()
    page.goto(base + "/")
    page.get_by_role("link", name="Афиша").click()
    assert serious_violations(page) == []
    page.get_by_label("Населённый пункт").fill("посёлок а1")
    page.get_by_role("button", name="Показать афишу").click()
    card = page.locator(".event-card", has_text="Мастер-класс по вязанию")
    assert "Как записаться: позвоните" in card.inner_text()
    assert serious_violations(page) == []
    assert page.evaluate("getComputedStyle(document.querySelector('.event-card p')).fontSize") >= "18px"
    page.screenshot(path=str(artifacts / "resident-events-360.png"), full_page=True)
    page.goto(base + "/volunteer/")
    assert serious_violations(page) == []
    page.screenshot(path=str(artifacts / "resident-volunteer-360.png"), full_page=True)
    resident.close()

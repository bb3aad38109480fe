"""A resident on a 360px phone finds help and reports an older neighbour; an operator sees the request."""

from pathlib import Path

import pytest

from conftest import Region, browser_login

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "zabota" / "tests" / "assets" / "axe.min.js"


@pytest.fixture
def live_region(transactional_db, live_server):
    from catalog.models import ServiceCategory
    from directory.models import OrganizationService

    region = Region()
    OrganizationService.objects.create(
        organization=region.org_a, category=ServiceCategory.objects.get(code="groceries")
    )
    return region


@pytest.fixture
def phone(browser):
    # bypass_csp lets the test inject axe-core; the pages themselves keep their strict CSP.
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU", bypass_csp=True)
    yield context.new_page()
    context.close()


def serious_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)"""
    )


def test_it_lets_a_resident_find_help_and_report_a_neighbour(live_region, live_server, phone, artifacts):
    page = phone
    page.goto(live_server.url + "/")
    assert serious_violations(page) == []
    page.get_by_label("Где нужна помощь — населённый пункт").fill("поселок а1")
    page.get_by_label("Что нужно").select_option("groceries")
    page.get_by_role("button", name="Найти помощь").click()
    page.wait_for_selector(".result-card")
    first = page.locator(".result-card").first
    assert "НКО Района А" in first.inner_text() and "Помогает в вашем населённом пункте" in first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(page) == []
    page.screenshot(path=str(artifacts / "resident-results-360.png"), full_page=True)

    page.locator(".result-card a").first.click()
    page.wait_for_selector("h1:has-text('НКО Района А')")
    assert serious_violations(page) == []

    page.goto(live_server.url + "/report/")
    assert serious_violations(page) == []
    page.get_by_label("Населённый пункт").fill("Посёлок А1")
    page.get_by_label("Адрес (улица, дом, квартира)").fill("ул. Лесная, 5")
    page.get_by_label("Продукты").check()
    page.get_by_label("Опишите ситуацию").fill("Соседка неделю не выходит, кончились продукты")
    page.get_by_label("Ваше имя").fill("Ирина")
    page.get_by_label("Ваш телефон").fill("8 910 555-44-33")
    page.get_by_label("Я согласен(на)").check()
    page.screenshot(path=str(artifacts / "resident-report-form-360.png"), full_page=True)
    page.get_by_role("button", name="Сообщить").click()
    page.wait_for_selector(".request-number")
    number = page.locator(".request-number").inner_text()
    assert serious_violations(page) == []
    page.screenshot(path=str(artifacts / "resident-report-sent-360.png"), full_page=True)

    browser_login(page, live_server.url, "operator")
    page.goto(live_server.url + "/requests/")
    row = page.locator("tr", has_text=number)
    assert "Сосед сообщил" in row.inner_text() and "Новая" in row.inner_text()
    page.screenshot(path=str(artifacts / "operator-queue-360.png"), full_page=True)

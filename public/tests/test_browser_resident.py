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


RUNNING_TEXT = (
    "main p, main li, main dd, main dt, main label, main legend,"
    " main input, main select, main textarea, main button, main a[role=button]"
)
TEXT_SIZES = """(selector) => {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.offsetParent || el.closest('small, .small, .hp')) continue;
    const field = ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
    if (!field && ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const text = (el.textContent || el.value || '').trim().slice(0, 30);
    out.push([el.tagName + ' ' + text, parseFloat(getComputedStyle(el).fontSize)]);
  }
  return out;
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_it_sets_public_running_text_at_least_18_px(live_region, live_server, browser, width):
    """#9: older readers — running text ≥ 18 px at every width, measured in Chromium."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="ru-RU")
    page = context.new_page()
    for path in [
        "/",
        "/?locality=Посёлок+А1&need=groceries",
        f"/o/{live_region.org_a.pk}/",
        "/help/",
        "/report/",
        "/status/",
    ]:
        page.goto(live_server.url + path)
        small = [(text, size) for text, size in page.evaluate(TEXT_SIZES, RUNNING_TEXT) if size < 18]
        assert not small, (path, small[:5])
        h1 = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
        assert h1 >= 1.4 * 18, path
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    context.close()


def test_it_lets_a_resident_apply_from_an_organization_page_with_fields_prefilled(
    live_region, live_server, phone, artifacts
):
    """#9: search → organization → «Оставить заявку»: the settlement and the need come filled in."""
    from helprequests.models import HelpRequest

    page = phone
    page.goto(live_server.url + "/?locality=Посёлок+А1&need=groceries")
    page.locator(".result-card a").first.click()
    page.wait_for_selector("h1")
    back = page.get_by_role("link", name="Назад к результатам поиска")
    assert "need=groceries" in back.get_attribute("href")
    page.screenshot(path=str(artifacts / "resident-organization-360.png"), full_page=True)
    page.get_by_role("button", name="Оставить заявку").click()
    page.wait_for_url("**/help/**")
    assert page.get_by_label("Населённый пункт").input_value() == "Посёлок А1"
    assert page.get_by_label("Продукты").is_checked()
    assert not page.get_by_label("Ваше имя (если обращаетесь за другого)").is_visible()
    page.get_by_label("Для родственника или знакомого").check()
    assert page.get_by_label("Ваше имя (если обращаетесь за другого)").is_visible()
    page.get_by_label("Для себя").check()
    page.get_by_label("Фамилия, имя, отчество того, кому нужна помощь").fill("Смирнова Галина Ивановна")
    page.get_by_label("Телефон того, кому нужна помощь").fill("+7 910 222-33-44")
    page.get_by_label("Адрес (улица, дом, квартира)").fill("ул. Школьная, 3")
    page.get_by_label("Опишите ситуацию").fill("Не могу сама донести продукты из магазина")
    page.get_by_label("Я согласен(на)").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(page) == []
    page.screenshot(path=str(artifacts / "resident-apply-prefilled-360.png"), full_page=True)
    page.get_by_role("button", name="Отправить заявку").click()
    page.wait_for_selector(".request-number")
    number = page.locator(".request-number").inner_text()
    request = HelpRequest.objects.get(number=number)
    assert request.territory == live_region.a1 and [n.code for n in request.needs.all()] == ["groceries"]

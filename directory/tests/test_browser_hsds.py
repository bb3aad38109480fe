"""A district coordinator on a 360 px phone loads another publisher's HSDS package: upload → mapping of the
taxonomy terms → preview with reasons → import."""

import pytest

from conftest import Region, browser_login
from directory.models import Organization
from directory.tests.foreign_package import package_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    return Region()


def _fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_it_imports_a_foreign_package_on_a_phone(live_region, live_server, browser, artifacts):
    r, base = live_region, live_server.url
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ru-RU")
    page = context.new_page()
    browser_login(page, base, "coordinator")
    page.goto(f"{base}/organizations/hsds/")
    page.get_by_label("Пакет HSDS").set_input_files(
        {"name": "dobrye-dela.json", "mimeType": "application/json", "buffer": package_bytes()}
    )
    page.get_by_role("button", name="Загрузить и проверить").click()
    page.wait_for_selector("text=Выберите для каждого термина категорию нашего каталога")
    assert _fits(page)
    page.screenshot(path=str(artifacts / "hsds-1-mapping-360.png"), full_page=True)
    assert page.locator("#term-1").input_value() == "legal_aid"  # «предложено»
    page.locator("#term-0").select_option("groceries")
    page.get_by_role("button", name="Подтвердить сопоставление").click()
    page.wait_for_selector("text=Будет создано: 2")
    assert _fits(page)
    page.screenshot(path=str(artifacts / "hsds-2-preview-360.png"), full_page=True)
    assert page.get_by_text("вне вашей зоны ответственности").is_visible()
    page.get_by_role("button", name="Импортировать").click()
    page.wait_for_selector("text=Импорт завершён: создано организаций — 2, обновлено — 1, пропущено — 4.")
    page.screenshot(path=str(artifacts / "hsds-3-done-360.png"), full_page=True)
    assert Organization.objects.get(name="Фонд «Добрый день»").territory == r.a1
    context.close()

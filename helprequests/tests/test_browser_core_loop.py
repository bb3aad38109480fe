"""The core loop in headless Chromium: a neighbour's report becomes a request, the operator routes
it, the helper accepts and records contact, the follow-up falls due 14 days later, the request closes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import Region, browser_login

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    from catalog.models import ServiceCategory
    from directory.models import OrganizationService

    region = Region()
    OrganizationService.objects.create(
        organization=region.org_a, category=ServiceCategory.objects.get(code="groceries")
    )
    return region


def test_it_runs_the_core_loop(live_region, live_server, browser, artifacts, monkeypatch):
    base = live_server.url
    resident = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    resident.goto(base + "/report/")
    resident.get_by_label("Как зовут пожилого человека (если знаете)").fill("Смирнова Клавдия")
    resident.get_by_label("Населённый пункт").fill("Посёлок А1")
    resident.get_by_label("Адрес (улица, дом, квартира)").fill("ул. Лесная, 5")
    resident.get_by_label("Продукты").check()
    resident.get_by_label("Опишите ситуацию").fill("Не выходит из дома, нужны продукты")
    resident.get_by_label("Ваше имя").fill("Ирина")
    resident.get_by_label("Ваш телефон").fill("8 910 555-44-33")
    resident.get_by_label("Я согласен(на)").check()
    resident.get_by_role("button", name="Сообщить").click()
    number = resident.locator(".request-number").inner_text()

    operator = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU").new_page()
    browser_login(operator, base, "operator")
    operator.goto(base + "/requests/")
    operator.get_by_role("link", name=number).click()
    suggestion = operator.locator(".suggestion", has_text="НКО Района А")
    assert "оказывает: Продукты" in suggestion.inner_text()
    operator.screenshot(path=str(artifacts / "core-loop-routing.png"), full_page=True)
    suggestion.get_by_role("button", name="Направить").click()
    assert "Направлена" in operator.locator(".status").inner_text()

    helper = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    browser_login(helper, base, "org_staff")
    helper.goto(base + "/requests/mine/")
    helper.get_by_role("link", name=number).click()
    helper.get_by_role("button", name="Принять").click()
    helper.get_by_role("button", name="Связь установлена").click()
    assert "Связь установлена" in helper.locator(".status").inner_text()
    helper.screenshot(path=str(artifacts / "core-loop-helper-360.png"), full_page=True)

    operator.goto(base + "/requests/?queue=followups")
    assert number not in operator.content()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=14, hours=1))  # two weeks later
    browser_login(operator, base, "operator")  # the old session has long expired
    operator.goto(base + "/requests/?queue=followups")
    operator.locator("tr", has_text=number).get_by_role("button", name="Записать звонок").click()
    operator.get_by_label("Да").check()
    operator.get_by_label("5").check()
    operator.get_by_label("Комментарий").fill("Продукты привозят каждую неделю")
    operator.get_by_role("button", name="Записать").click()
    operator.locator("summary", has_text="Закрыть обращение").click()
    operator.get_by_label("Потребности удовлетворены").check()
    operator.get_by_role("button", name="Закрыть обращение").click()
    assert "Закрыта" in operator.locator(".status").inner_text()
    history = operator.locator(".history-list").inner_text()
    assert "Контрольный звонок (через 2 недели): помощь пришла, оценка 5" in history
    assert "Закрыто: Потребности удовлетворены" in history
    operator.screenshot(path=str(artifacts / "core-loop-closed.png"), full_page=True)

"""Each role logs in through the real login form in headless Chromium and sees its own menu."""

import pytest

from conftest import Region

pytestmark = pytest.mark.browser

EXPECTED_MENUS = {
    "coordinator": [
        "Рабочий стол",
        "Подопечные",
        "Семьи",
        "Обращения",
        "Алло, волонтёр!",
        "Опека",
        "Организации",
        "Волонтёры",
        "Сообщества",
        "Лидеры",
        "Экспертные сессии",
        "База практик",
        "Карта",
        "Территории",
        "Каталог помощи",
        "Журнал действий",
        "Центры поддержки",
    ],
    "operator": [
        "Рабочий стол",
        "Подопечные",
        "Семьи",
        "Обращения",
        "Организации",
        "Волонтёры",
        "Карта",
        "Территории",
        "Каталог помощи",
        "Центры поддержки",
    ],
    "org_staff": [
        "Рабочий стол",
        "Мои задачи",
        "Алло, волонтёр!",
        "Мои семьи",
        "Организации",
        "Волонтёры",
        "Карта",
        "Территории",
        "Каталог помощи",
        "Центры поддержки",
    ],
    "volunteer": ["Рабочий стол", "Мои задачи", "Звонки на сегодня", "Территории", "Каталог помощи"],
    "analyst": [
        "Рабочий стол",
        "Территории",
        "Каталог помощи",
        "Показатели «Алло, волонтёр!»",
        "Отчёт по опеке",
        "Итоги центров поддержки",
        "Оценки «Доступность заботы»",
    ],
    "admin": [
        "Рабочий стол",
        "Организации",
        "Экспертные сессии",
        "База практик",
        "Карта",
        "Территории",
        "Каталог помощи",
        "Журнал действий",
        "Центры поддержки",
        "Администрирование",
    ],
}


@pytest.fixture
def live_region(transactional_db, live_server):
    return Region()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ru-RU")
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://localhost", "data:")) else None)
    yield page
    context.close()
    assert not outside, f"requests left the machine: {outside}"


@pytest.mark.parametrize("role", sorted(EXPECTED_MENUS))
def test_it_shows_each_role_its_navigation(live_region, live_server, page, artifacts, role):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Имя пользователя").fill(role)
    page.get_by_label("Пароль").fill("secret-pass-1")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{live_server.url}/staff/")
    menu = page.locator("header nav a[data-nav]").all_inner_texts()
    assert menu == EXPECTED_MENUS[role]
    assert page.locator("h1").inner_text().startswith("Здравствуйте")
    page.screenshot(path=str(artifacts / f"nav-{role}.png"), full_page=True)


def test_it_shows_the_public_window_and_a_readable_login_on_a_phone(live_region, live_server, page, artifacts):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Помощь пожилым людям рядом с вами"
    body_px = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_px >= 16
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "public-home-360.png"), full_page=True)
    page.goto(live_server.url + "/login/")
    page.get_by_label("Имя пользователя").fill("operator")
    page.get_by_label("Пароль").fill("wrong")
    page.get_by_role("button", name="Войти").click()
    assert "Неверное имя пользователя или пароль" in page.content()

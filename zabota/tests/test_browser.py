"""Each role logs in through the real login form in headless Chromium and sees its own menu."""

import pytest

from conftest import Region

pytestmark = pytest.mark.browser

# In menu order: «Рабочий стол», then the groups (Обращения и люди, Программы, Справочник, Отчёты,
# Администрирование); a menu of up to six items stays one flat row.
EXPECTED_MENUS = {
    "coordinator": [
        "Рабочий стол",
        "Подопечные",
        "Семьи",
        "Обращения",
        "Под риском одиночества",
        "Нуждаются в телефонной помощи",
        "Алло, волонтёр!",
        "Опека",
        "Сообщества",
        "Лидеры",
        "Экспертные сессии",
        "Центры поддержки",
        "Анкеты и письма",
        "Организации",
        "Волонтёры",
        "База практик",
        "Карта",
        "Территории",
        "Каталог помощи",
        "Статистика",
        "Риск одиночества: свод",
        "Мои выгрузки",
        "Журнал действий",
        "Уничтожение ПДн",
        "Пользователи",
    ],
    "operator": [
        "Рабочий стол",
        "Подопечные",
        "Семьи",
        "Обращения",
        "Под риском одиночества",
        "Нуждаются в телефонной помощи",
        "Центры поддержки",
        "Организации",
        "Волонтёры",
        "Карта",
        "Территории",
        "Каталог помощи",
        "Мои выгрузки",
    ],
    "org_staff": [
        "Рабочий стол",
        "Мои задачи",
        "Мои семьи",
        "Алло, волонтёр!",
        "Центры поддержки",
        "Организации",
        "Волонтёры",
        "Карта",
        "Территории",
        "Каталог помощи",
        "Мои выгрузки",
    ],
    "volunteer": [
        "Рабочий стол",
        "Мои задачи",
        "Звонки на сегодня",
        "Мои подопечные",
    ],
    "analyst": [
        "Рабочий стол",
        "Территории",
        "Каталог помощи",
        "Показатели «Алло, волонтёр!»",
        "Отчёт по опеке",
        "Итоги центров поддержки",
        "Оценки «Доступность заботы»",
        "Статистика",
        "Риск одиночества: свод",
        "Мои выгрузки",
    ],
    "admin": [
        "Рабочий стол",
        "Экспертные сессии",
        "Центры поддержки",
        "Организации",
        "База практик",
        "Карта",
        "Территории",
        "Каталог помощи",
        "Статистика",
        "Риск одиночества: свод",
        "Мои выгрузки",
        "Журнал действий",
        "Уничтожение ПДн",
        "Пользователи",
        "Панель администратора",
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
    menu = [t.strip() for t in page.locator("header nav a[data-nav]").all_text_contents()]
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


def test_it_opens_the_grouped_menu_on_a_phone_and_on_a_desktop(live_region, live_server, browser, artifacts):
    from conftest import browser_login

    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="ru-RU")
        page = context.new_page()
        browser_login(page, live_server.url, "coordinator")
        if width == 360:
            assert not page.get_by_role("link", name="Подопечные").is_visible()
            page.locator("summary", has_text="Меню").click()
        page.locator("summary", has_text="Обращения и люди").click()
        assert page.get_by_role("link", name="Подопечные").is_visible()
        page.screenshot(path=str(artifacts / f"nav-coordinator-open-{width}.png"))
        page.get_by_role("link", name="Подопечные").click()
        page.wait_for_url(f"{live_server.url}/people/")
        context.close()


@pytest.mark.parametrize("role", ["coordinator", "operator", "org_staff", "volunteer", "analyst", "admin"])
def test_it_never_scrolls_sideways_at_360_px_on_any_menu_page(live_region, live_server, page, artifacts, role):
    from conftest import browser_login

    browser_login(page, live_server.url, role)
    links = page.eval_on_selector_all("header a[data-nav]", "els => els.map(a => a.getAttribute('href'))")
    wide = {}
    for href in links:
        if href.startswith("/admin/"):
            continue  # the Django admin has its own responsive layout
        page.goto(live_server.url + href)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[href] = width
            page.screenshot(
                path=str(artifacts / f"wide-{role}-{href.strip('/').replace('/', '-')}.png"), full_page=True
            )
    assert not wide, f"pages wider than 360 px: {wide}"

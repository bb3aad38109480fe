"""A coordinator records an expert session in headless Chromium and downloads its PDF protocol;
a resident reads the practices library on a 360px phone (axe-core: no serious or critical violation)."""

import io
from pathlib import Path

import pytest

from conftest import Region, browser_login, browser_menu
from exports.testing import downloaded

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "zabota" / "tests" / "assets" / "axe.min.js"


@pytest.fixture
def live_region(transactional_db, live_server):
    from practices import seed
    from practices.models import Practice, Tag

    region = Region()
    seed.load(Practice, Tag)  # transactional tests flush what the data migration loaded
    return region


def serious_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)"""
    )


def test_it_lets_a_coordinator_record_a_session_and_download_the_protocol(live_region, live_server, browser, artifacts):
    import pypdf

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU", accept_downloads=True)
    page = context.new_page()
    base = live_server.url
    browser_login(page, base, "coordinator")
    browser_menu(page, "Экспертные сессии")  # #9: the menu is grouped
    page.get_by_role("button", name="Новая сессия").click()
    page.get_by_label("Подзаголовок").fill("Доступность элементов Заботы в Районе А")
    page.get_by_label("Оцениваемая территория").select_option(label="Район А")
    page.get_by_label("Дата").fill("2026-01-20")
    page.get_by_label("Время").fill("14:30")
    page.get_by_label("Место проведения", exact=True).fill("Дом общественных организаций")
    page.get_by_label("Модератор", exact=True).fill("Захарова Л.А.")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_selector("text=Сессия сохранена.")

    page.get_by_role("button", name="Оценки по чек-листу").click()
    assert page.locator("aside.evidence").count() == 9
    page.locator("#c1-value").select_option("3")
    page.locator("#c1-discussion").fill("Людям сложно найти помощь в интернете")
    page.locator("#c2-value").select_option("4")
    page.locator("#c2-spread_low").select_option("3")
    page.locator("#c2-spread_high").select_option("4")
    page.locator("#c4-value").select_option("nr")
    page.locator("#c4-dissent").fill("Модератор считает, что управление добровольчеством нужно")
    page.screenshot(path=str(artifacts / "assessment-scores-1280.png"), full_page=False)
    page.get_by_role("button", name="Сохранить оценки").click()
    page.wait_for_selector("text=Оценки сохранены.")

    page.get_by_role("button", name="Добавить предложение").click()
    page.get_by_label("Критерий").select_option(index=1)
    page.get_by_label("Предложение").fill("Организовать обучение НКО и ТОС работе со СМИ")
    page.get_by_label("Адресат (организация или орган власти)").fill("Дом общественных организаций")
    page.get_by_label("Ответственный").fill("ТРЦ")
    page.locator("#id_status").select_option(label="Нас услышали и уже включили в план работы")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_selector("text=Предложение сохранено.")
    page.screenshot(path=str(artifacts / "assessment-session-1280.png"), full_page=True)

    session_url = page.url
    content, name = downloaded(page, page.get_by_role("button", name="Протокол PDF").click)  # by the worker (#12)
    assert name.endswith(".pdf")
    pdf = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "1. Известность организаций, оказывающих помощь — 3" in text
    assert "2. Эффективность маршрутизации нуждающихся в профессиональной помощи — 4" in text
    assert "4. Эффективный менеджмент волонтерской деятельности — не требуется" in text
    assert "Первоначальный разброс мнений: 3–4" in text
    assert "Модератор считает, что управление добровольчеством нужно" in text
    assert "Организовать обучение НКО и ТОС работе со СМИ" in text
    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "assessment-protocol-export-360.png"), full_page=True)
    page.goto(session_url)
    page.screenshot(path=str(artifacts / "assessment-session-360.png"), full_page=True)
    context.close()


def test_it_lets_a_resident_read_the_practices_library_on_a_phone(live_region, live_server, browser, artifacts):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU", bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Лучшие практики заботы").click()
    page.wait_for_selector("h1:has-text('Лучшие практики заботы о старших')")
    assert "Черновик практики" not in page.content()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18
    page.screenshot(path=str(artifacts / "practices-library-360.png"), full_page=True)

    page.get_by_label("Тема").select_option(label="Телефонная помощь")
    page.get_by_role("button", name="Найти").click()
    cards = page.locator(".practice-card")
    assert cards.count() == 1 and "Алло, волонтер" in cards.first.inner_text()
    page.get_by_label("Тема").select_option("")
    page.get_by_label("Регион").select_option("Пермский край")
    page.get_by_role("button", name="Найти").click()
    page.locator(".practice-card a").first.click()
    page.wait_for_selector("h1:has-text('Центр социальной и информационной поддержки жителей')")
    assert "Результаты в цифрах" in page.content() and "Как повторить" in page.content()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "practice-card-360.png"), full_page=True)
    context.close()

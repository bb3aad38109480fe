"""A coordinator sends the organizations questionnaire to three organizations; one answers on a 360 px phone
through its personal link; the coordinator sees the summary chart. A letter to the regional ministry as PDF."""

import io
from pathlib import Path

import pypdf
import pytest

from conftest import Region, browser_login, browser_menu

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "zabota" / "tests" / "assets" / "axe.min.js"


@pytest.fixture
def live_region(transactional_db, live_server):
    from django.core.cache import cache

    from directory.models import Organization

    cache.clear()
    region = Region()
    for name in ("ТОС «Лесной»", "Инициативная группа «Соседи»"):
        Organization.objects.create(name=name, kind="tos", territory=region.a1, email="tos@example.org")
    return region


def serious_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)"""
    )


def test_it_sends_a_questionnaire_has_it_answered_on_a_phone_and_shows_the_chart(
    live_region, live_server, browser, artifacts
):
    base = live_server.url
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU", bypass_csp=True)
    page = desk.new_page()
    browser_login(page, base, "coordinator")
    browser_menu(page, "Анкеты и письма")
    page.get_by_role("link", name="Анкета для организаций и инициативных групп").click()
    page.get_by_role("button", name="Отправить", exact=True).click()
    for name in ("НКО Района А", "ТОС «Лесной»", "Инициативная группа «Соседи»"):
        page.get_by_label(name, exact=False).check()
    page.get_by_label("Название рассылки").fill("Опрос партнёров района А")
    page.screenshot(path=str(artifacts / "outreach-send-1280.png"), full_page=True)
    page.get_by_role("button", name="Отправить анкету").click()
    page.wait_for_selector("h1:has-text('Опрос партнёров района А')")
    assert "получателей 3" in page.content()
    link = page.get_by_label("Личная ссылка для ТОС «Лесной»").input_value()
    assert "/q/" in link

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU", bypass_csp=True)
    mobile = phone.new_page()
    mobile.goto(base + link[link.index("/q/") :])
    assert "ТОС «Лесной»" in mobile.content()
    assert serious_violations(mobile) == []
    mobile.get_by_role("button", name="Отправить ответы").click()
    assert "Ответьте на этот вопрос — он обязательный." in mobile.content()
    mobile.get_by_label("Основная", exact=True).check()
    mobile.get_by_label("Ответ на вопрос 2").fill("Клуб активного долголетия, помощь на дому")
    mobile.get_by_role("button", name="Сохранить и продолжить позже").click()
    assert "Черновик сохранён" in mobile.content()
    mobile.get_by_label("Ответ на вопрос 3 (число)").fill("4")
    mobile.get_by_label("Уход и забота").check()
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
    mobile.screenshot(path=str(artifacts / "outreach-answer-360.png"), full_page=True)
    mobile.get_by_role("button", name="Отправить ответы").click()
    mobile.wait_for_selector("h1:has-text('Спасибо')")
    mobile.screenshot(path=str(artifacts / "outreach-answered-360.png"))
    mobile.goto(base + link[link.index("/q/") :])
    assert "уже отправлена" in mobile.content()
    phone.close()

    page.get_by_role("button", name="Итоги", exact=True).click()
    page.wait_for_selector("#chart-" + str(_first_question_id(live_region)))
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('.summary-chart canvas')) !== undefined"
    )
    assert "Ответили <strong>1</strong> из 3" in page.content()
    assert "Клуб активного долголетия, помощь на дому" in page.content()
    assert serious_violations(page) == []
    page.screenshot(path=str(artifacts / "outreach-results-1280.png"), full_page=True)
    desk.close()


def _first_question_id(region):
    from outreach.models import Questionnaire

    return Questionnaire.objects.get(code="organizations").questions.first().pk


def test_it_produces_a_letter_to_the_regional_ministry_as_pdf(live_region, live_server, browser, artifacts):
    base = live_server.url
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="ru-RU", bypass_csp=True, accept_downloads=True
    )
    page = context.new_page()
    browser_login(page, base, "coordinator")
    browser_menu(page, "Анкеты и письма")
    page.get_by_role("link", name="Шаблоны писем").click()
    page.get_by_role("row", name="В региональные органы власти").get_by_role(
        "button", name="Подготовить письма"
    ).click()
    page.get_by_label("Иванов Иван Петрович", exact=False).check()
    page.get_by_label("Свободный абзац", exact=False).fill("Приглашаем на экспертную сессию 15 декабря.")
    page.get_by_role("button", name="Подготовить письма (DOCX и PDF)").click()
    page.wait_for_selector("text=Скачать все (zip)")
    page.screenshot(path=str(artifacts / "outreach-letters-1280.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    pdf = pypdf.PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Уважаемый Иван Петрович!" in text
    assert "Министру социального развития Тестовой области" in text and "Иванову Ивану Петровичу" in text
    assert "Приглашаем на экспертную сессию 15 декабря." in text
    context.close()

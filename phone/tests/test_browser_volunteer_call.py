"""A silver volunteer on a 360px phone logs a call with a problem; operators see the new request."""

import pytest
from django.utils import timezone

from conftest import Region, browser_login, browser_menu
from phone.models import Call, Enrolment

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    from phone.models import Call, Enrolment

    region = Region()
    Call.objects.all().delete()
    Enrolment.objects.filter(pk=region.enrolment_a.pk).update(weekdays=[timezone.localdate().isoweekday()])
    return region


def test_it_turns_a_problem_heard_on_a_call_into_a_request(live_region, live_server, browser, artifacts):
    base = live_server.url
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    browser_login(page, base, "volunteer")
    browser_menu(page, "Звонки на сегодня")
    card = page.locator(".call-card", has_text="Иванова Анна Петровна")
    assert card.get_by_role("button", name="Позвонить +7 910 111-22-33").get_attribute("href") == "tel:+79101112233"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "volunteer-today-360.png"), full_page=True)
    card.get_by_role("button", name="Записать звонок").click()
    page.get_by_role("radio", name="Да", exact=True).check()
    page.get_by_label("Длительность, минут").fill("15")
    page.locator("fieldset", has_text="Самочувствие").get_by_label("3").check()
    page.locator("fieldset", has_text="Настроение").get_by_label("4").check()
    page.get_by_label("Лекарства", exact=True).check()
    page.get_by_label("Заметки").fill("Давление скачет")
    page.get_by_label("Что нужно — своими словами").fill("Закончились лекарства от давления")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "volunteer-call-form-360.png"), full_page=True)
    page.get_by_role("button", name="Записать звонок").click()
    message = page.locator(".message.success").inner_text()
    assert "Создано обращение" in message
    number = message.split("обращение ")[1].split(" ")[0]

    operator = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU").new_page()
    browser_login(operator, base, "operator")
    operator.goto(base + "/requests/")
    row = operator.locator("tr", has_text=number)
    assert "Телефонный волонтёр" in row.inner_text() and "Лекарства" in row.inner_text()


def test_it_logs_an_off_schedule_call_from_my_people_on_a_phone(live_region, live_server, browser, artifacts):
    """#9: not scheduled today, the volunteer still records a call-back from «Мои подопечные»."""
    other_day = timezone.localdate().isoweekday() % 7 + 1
    Enrolment.objects.filter(pk=live_region.enrolment_a.pk).update(weekdays=[other_day])
    base = live_server.url
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    browser_login(page, base, "volunteer")
    browser_menu(page, "Мои подопечные")
    card = page.locator(".call-card", has_text="Иванова Анна Петровна")
    assert "звонок сегодня" not in card.inner_text()
    assert "Следующий по графику" in card.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "volunteer-my-people-360.png"), full_page=True)
    card.get_by_role("button", name="Записать звонок").click()
    page.get_by_role("radio", name="Да", exact=True).check()
    page.get_by_label("Длительность, минут").fill("7")
    page.locator("fieldset", has_text="Самочувствие").get_by_label("4").check()
    box = page.locator("fieldset", has_text="Самочувствие").locator("label").first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # thumb-sized 1–5
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Записать звонок").click()
    page.wait_for_url(base + "/phone/mine/")
    assert "Звонок записан" in page.locator(".message.success").inner_text()
    call = Call.objects.filter(enrolment=live_region.enrolment_a).latest("id")
    assert call.reached and call.duration_s == 420
    page.screenshot(path=str(artifacts / "volunteer-my-people-after-360.png"), full_page=True)

"""#17 on a 360 px phone: a coordinator records that a person needs telephone help, then enrols them in one step."""

import pytest

from conftest import Region, browser_login, browser_menu
from people.models import Beneficiary
from phone.models import Identification

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    region = Region()
    region.lonely = Beneficiary.objects.create(
        full_name="Тишина Таисия Тимофеевна", territory=region.a1, lives_alone=True
    )
    return region


def test_it_records_an_identification_and_enrols_the_person(live_region, live_server, browser, artifacts):
    base = live_server.url
    person = live_region.lonely
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    browser_login(page, base, "coordinator")
    page.goto(f"{base}/people/{person.pk}/")
    stage = page.locator("section.phone-stage")
    assert "Не выявлен(а)" in stage.inner_text()
    stage.get_by_role("button", name="Нуждается в телефонной помощи").click()

    assert page.get_by_label("Кто выявил").input_value()  # suggested: the coordinator
    page.get_by_label("Кто выявил").fill("Соцработник Гусева Л. П.")
    page.get_by_label("Учреждение").fill("КЦСОН «Заречный»")
    page.get_by_label("Человек отказался от телефонной помощи").check()
    page.get_by_role("button", name="Записать").click()
    error = page.locator(".field.has-error small.error")
    assert error.inner_text() == "Причина отказа: Укажите причину отказа."  # by the field, nothing saved
    assert not Identification.objects.filter(beneficiary=person).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "phone-identify-refusal-error-360.png"), full_page=True)
    page.get_by_label("Человек отказался от телефонной помощи").uncheck()
    page.get_by_role("button", name="Записать").click()
    assert "выявлен(а)" in page.locator(".message.success").inner_text()

    # The dashboard lists the person as waiting.
    browser_menu(page, "Алло, волонтёр!")
    box = page.locator("section.identified-box")
    assert person.full_name in box.inner_text() and "ждёт включения" in box.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "phone-dashboard-identified-360.png"), full_page=True)
    box.get_by_role("link", name=person.full_name).click()

    enrol = page.locator("section#enrol")
    enrol.get_by_label("вт").check()
    enrol.get_by_label("чт").check()
    enrol.get_by_label("Человек согласен участвовать").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "phone-identification-enrol-360.png"), full_page=True)
    enrol.get_by_role("button", name="Включить в службу").click()
    assert "включен(а) в службу" in page.locator(".message.success").inner_text()
    item = Identification.objects.get(beneficiary=person)
    assert item.status == Identification.Status.ENROLLED and item.enrolment.weekdays == [2, 4]
    assert page.url == f"{base}/phone/enrolments/{item.enrolment_id}/"

    page.goto(f"{base}/people/{person.pk}/")
    assert "В службе с" in page.locator("section.phone-stage").inner_text()
    page.screenshot(path=str(artifacts / "phone-person-enrolled-360.png"), full_page=True)

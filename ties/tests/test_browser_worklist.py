"""#17 in headless Chromium at 360 px: a coordinator opens «Под риском одиночества», enrols a high-risk person in
«Алло, волонтёр!» from the suggestion, the person drops off the list; the circle of ties on the person's page."""

from datetime import date

import pytest

from conftest import Region, browser_login, browser_menu
from people.models import Beneficiary
from phone.models import Enrolment, Identification
from ties import services
from ties.models import Level, Risk

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    region = Region()
    region.lonely = Beneficiary.objects.create(
        full_name="Одинцова Ольга Павловна",
        territory=region.a1,
        lives_alone=True,
        mobility="homebound",
        birth_date=date(1936, 3, 8),
    )
    services.tie_save(
        beneficiary=region.lonely,
        actor=None,
        kind="relative",
        contact_name="Одинцов Павел (сын, Сургут)",
        phone="+79225556677",
    )
    services.risk_recompute([region.lonely.pk])
    return region


def test_it_enrols_a_high_risk_person_from_the_worklist(live_region, live_server, browser, artifacts):
    person = live_region.lonely
    assert Risk.objects.get(pk=person.pk).level == Level.HIGH
    base = live_server.url
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    browser_login(page, base, "coordinator")
    browser_menu(page, "Под риском одиночества")
    card = page.locator("article.risk-card", has_text=person.full_name)
    assert "живёт одна" in card.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "ties-worklist-360.png"), full_page=True)
    step = card.locator("form.step-form", has=page.get_by_role("button", name="Включить в «Алло, волонтёр!»"))
    step.get_by_label("согласие на звонки получено").check()
    step.get_by_role("button", name="Включить в «Алло, волонтёр!»").click()
    assert "включен(а) в «Алло, волонтёр!»" in page.locator(".message.success").inner_text()
    assert page.locator("article.risk-card", has_text=person.full_name).count() == 0  # dropped off the list
    enrolment = Enrolment.objects.active().get(beneficiary=person)
    assert Identification.objects.get(beneficiary=person).enrolment == enrolment  # counted as «обратились»

    page.goto(f"{base}/people/{person.pk}/")
    circle = page.locator("section.circle-of-ties")
    circle.scroll_into_view_if_needed()
    text = circle.inner_text()
    assert "Одинцов Павел" in text and "Телефонный волонтёр" in text  # the phone volunteer is a tie now
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    circle.screenshot(path=str(artifacts / "ties-circle-360.png"))

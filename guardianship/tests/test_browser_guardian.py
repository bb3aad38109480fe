"""An organization applies through the public form; the headquarters verify it and match it to a family."""

import pytest
from django.utils import timezone

from conftest import Region, browser_login

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    from django.core.cache import cache

    from catalog.models import ServiceCategory
    from guardianship import services
    from people.models import Household

    cache.clear()
    region = Region()
    family = Household.objects.create(name="Семья Орловых", territory=region.a1, is_serviceman_family=True)
    services.application_create(household=family, source="regional_hq", actor=None)
    services.mark_household(household=family, needs=ServiceCategory.objects.filter(code="pet_care"))
    region.family = family
    return region


def test_it_takes_an_applicant_to_a_family(live_region, live_server, browser, artifacts):
    base = live_server.url
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    page.goto(base + "/g/apply/")
    page.get_by_label("Название организации, группы или коллектива").fill("Школа №5 — родительский комитет")
    page.get_by_label("Кто вы").select_option("work_team")
    page.get_by_label("Населённый пункт").fill("Посёлок А1")
    page.get_by_label("Контактное лицо").fill("Елена")
    page.get_by_label("Телефон").fill("8 910 123 45 67")
    page.get_by_label("Уход за животными").check()
    page.get_by_label("Согласен(на)").check()
    page.get_by_role("button", name="Подать заявку").click()
    assert "Заявка принята" in page.locator("h1").inner_text()

    hq = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU").new_page()
    browser_login(hq, base, "coordinator")
    hq.goto(base + "/guardianship/")
    hq.get_by_role("link", name="Школа №5 — родительский комитет").click()
    today = timezone.localdate().isoformat()
    for step in ("interview", "instruction", "training"):
        hq.get_by_label("Шаг проверки").select_option(step)
        hq.get_by_label("Дата").fill(today)
        hq.get_by_label("Кто провёл").fill("Штаб")
        hq.get_by_role("button", name="Отметить").click()
    hq.get_by_role("button", name="Одобрить — в реестр потенциальных опекунов").click()
    assert "Потенциальный опекун" in hq.locator(".status").inner_text()

    hq.goto(base + f"/guardianship/families/{live_region.family.pk}/match/")
    assert hq.locator(".suggestion", has_text="Школа №5").count() == 0  # not before the agreement
    hq.get_by_role("link", name="Школа №5 — родительский комитет").click()
    agreement = hq.locator("form", has=hq.get_by_role("button", name="Сохранить соглашение"))
    agreement.get_by_label("Номер").fill("МВ-77")
    agreement.get_by_label("Дата").fill(today)
    agreement.get_by_role("button", name="Сохранить соглашение").click()
    hq.goto(base + f"/guardianship/families/{live_region.family.pk}/match/")
    suggestion = hq.locator(".suggestion", has_text="Школа №5")
    assert "оказывает: Уход за животными" in suggestion.inner_text()
    suggestion.get_by_role("button", name="Взять под опеку этим опекуном").click()
    assert "Семья Орловых" in hq.locator("h1").inner_text()
    assert "Подобран опекун" in hq.locator(".status").inner_text()
    hq.screenshot(path=str(artifacts / "guardianship-matched.png"), full_page=True)

    # The same pages on a coordinator's phone: links and the register button wrap, nothing scrolls sideways.
    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    browser_login(phone, base, "coordinator")
    for path in (
        hq.url.removeprefix(base),
        f"/guardianship/families/{live_region.family.pk}/match/",
        "/guardianship/guardians/",
    ):
        phone.goto(base + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
    phone.screenshot(path=str(artifacts / "guardianship-guardians-360.png"), full_page=True)

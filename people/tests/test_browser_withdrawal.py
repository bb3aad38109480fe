"""#11 on a 360 px phone: a coordinator records the withdrawal of the personal-data consent, destroys the data
at once from «Уничтожение ПДн» and downloads the act (PDF)."""

import pytest

from conftest import Region, browser_login, browser_menu
from exports.testing import downloaded
from people.models import Destruction

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    return Region()


def test_withdrawal_then_destruction_and_the_act(live_region, live_server, browser, artifacts):
    base = live_server.url
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU", accept_downloads=True).new_page()
    browser_login(page, base, "coordinator")
    page.goto(f"{base}/people/consents/{live_region.consent_a.pk}/withdraw/")
    assert "акта" in page.locator(".message.warning").inner_text()
    page.get_by_role("button", name="Подтвердить отзыв").click()
    assert "Отзыв согласия записан" in page.locator(".message.success").inner_text()

    browser_menu(page, "Уничтожение ПДн")
    row = page.locator("tbody tr", has_text=f"№{live_region.person_a.pk}")
    assert "ожидает уничтожения" in row.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "people-destructions-due-360.png"), full_page=True)
    row.get_by_role("button", name="Уничтожить сейчас").click()
    assert "составлен акт" in page.locator(".message.success").inner_text()
    destruction = Destruction.objects.get(beneficiary=live_region.person_a)
    assert destruction.done_at
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "people-destructions-done-360.png"), full_page=True)
    act = page.get_by_role("link", name=f"Акт № {destruction.act_number} (PDF)").click
    shot = artifacts / "people-destruction-act-export-360.png"
    content, name = downloaded(page, act, shot)  # the status page, then «Скачать» (#12: built by the worker)
    assert name.endswith(".pdf") and content[:5] == b"%PDF-"

"""The family opens its feedback link on a phone (360 px, no account) and answers; the headquarters see the
federal report with the matched family still counted as needing guardianship."""

import pytest
from django.utils import timezone

from conftest import Region, browser_login

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    from django.core.cache import cache

    from guardianship import services

    cache.clear()
    region = Region()
    services.terminate(guardianship=region.guardianship_a, actor=None, reason="all_met")
    region.link = region.guardianship_a.links.get(purpose="feedback")
    return region


def test_the_family_answers_on_a_phone_and_the_report_counts_it(live_region, live_server, browser, artifacts):
    base = live_server.url
    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    phone.goto(f"{base}/g/feedback/{live_region.link.token}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    phone.get_by_label("5", exact=True).check()
    phone.get_by_label("Что помогло больше всего").fill("Продукты каждую неделю")
    phone.get_by_label("Да", exact=True).check()
    phone.screenshot(path=str(artifacts / "guardianship-feedback-360.png"), full_page=True)
    phone.get_by_role("button").filter(has_text="Отправить").click()
    assert "Спасибо" in phone.locator("main").inner_text()
    live_region.link.refresh_from_db()
    assert live_region.link.answers["satisfaction"] == 5 and live_region.link.used_at <= timezone.now()

    hq = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    browser_login(hq, base, "coordinator")
    hq.goto(f"{base}/guardianship/reports/?territory={live_region.a.pk}")
    table = hq.locator("table").first.inner_text()
    assert "Итого: Район А" in table
    hq.screenshot(path=str(artifacts / "guardianship-report-360.png"), full_page=True)

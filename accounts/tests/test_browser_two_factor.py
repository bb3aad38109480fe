"""#11 on a 360 px phone: a coordinator without an app is sent to connect one before any page opens."""

import pytest
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from conftest import Region

pytestmark = pytest.mark.browser


@pytest.fixture
def live_region(transactional_db, live_server):
    return Region()


@override_settings(TWO_FACTOR_ROLES=["coordinator", "admin"])
def test_a_coordinator_connects_an_app_at_the_first_login(live_region, live_server, browser, artifacts):
    base = live_server.url
    page = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU").new_page()
    page.goto(base + "/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill("secret-pass-1")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/accounts/2fa/enrol/**")
    assert page.locator(".two-factor-qr svg").is_visible()
    secret = page.locator("[data-secret]").inner_text()
    device = TOTPDevice.objects.get(user=live_region.users["coordinator"], confirmed=False)
    assert secret == two_factor.secret_text(device)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "two-factor-enrol-360.png"), full_page=True)

    page.goto(base + "/people/")  # nothing else opens before the app is connected
    assert "/accounts/2fa/enrol/" in page.url

    page.get_by_label("Код из приложения").fill("000000" if two_factor.current_code(device) != "000000" else "111111")
    page.get_by_role("button", name="Подключить").click()
    assert "Неверный код" in page.locator(".field.has-error small.error").inner_text()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)

    page.get_by_label("Код из приложения").fill(two_factor.current_code(device))
    page.get_by_role("button", name="Подключить").click()
    page.wait_for_url("**/accounts/2fa/backup/**")
    assert page.locator("[data-backup-codes] li").count() == 10
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "two-factor-backup-codes-360.png"), full_page=True)
    page.get_by_role("button", name="Я сохранил коды, продолжить").click()
    page.wait_for_url(base + "/people/")
    assert page.get_by_role("heading", level=1).first.is_visible()
